import { lazyPage } from '../../../../web/kit/lazy-page.js'

/*
 * What other modules' pages use, loaded on first render: rjsf, antd form widgets and the checker come with the
 * page that shows a form, never with the portal's first download (re-exported by cases/web/index.ts).
 */

/** 申请表 renderer (@rjsf/antd, field kit widgets, the server's checks). */
export const ApplicationForm = lazyPage(() => import('./ApplicationForm.js').then((m) => m.ApplicationForm), null)

/** The form editor with live preview, for the catalog's item editor. */
export const ApplicationFormBuilder = lazyPage(
  () => import('./ApplicationFormBuilder.js').then((m) => m.ApplicationFormBuilder),
  null,
)

export type { FormProblem } from '../../application-form/form-validation.js'
export type { ApplicationFormProps } from './ApplicationForm.js'
export type { ApplicationFormBuilderProps } from './ApplicationFormBuilder.js'

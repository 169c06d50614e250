import type { ApplicationForm } from '../../catalog/index.js'
import { findIdNumberProblem, isValidUscc } from '../../identity/index.js'
import type { FormProblem, FormValidationMode } from './form-validation.js'
import { createFormValidation } from './form-validation.js'

/*
 * 申请表 on the server: the same schema the browser renders, checked with the same kit (ADR 0022).
 * The field kit, prefill and the schema walk are pure and also run in the browser (cases/web/application-form).
 */

const serverValidation = createFormValidation({ findIdNumberProblem, isValidUscc })

/** The definition of an item version's form, as the catalog stores it. */
export type ApplicationFormDefinition = ApplicationForm

/**
 * Every problem of `data` for `form`, in Chinese with field paths: on draft save (`mode: 'draft'`) only types, on
 * submit (the default) everything — required fields, formats with check characters, date order, unknown values.
 * An empty list means the data may be stored. Throws nothing.
 */
export function validateApplicationForm(
  form: ApplicationFormDefinition,
  data: unknown,
  options: { mode?: FormValidationMode; now?: Date } = {},
): FormProblem[] {
  return serverValidation.validate(form, data, options)
}

/** The data without values the form does not ask for under the current answers (store this, then validate). */
export function pruneApplicationFormData(form: ApplicationFormDefinition, data: unknown): Record<string, unknown> {
  return serverValidation.prune(form, data)
}

export { DEMO_APPLICATION_FORMS } from './demo-forms.js'
export {
  buildFieldFromTemplate,
  buildForm,
  buildFormFromEditorFields,
  type ConditionalFields,
  type EditorField,
  FIELD_TEMPLATES,
  type FieldSpec,
  type FieldTemplateKind,
  kit,
  readEditorFields,
} from './field-kit.js'
export { findFormatProblem, type IdentityChecks, isCalendarDate, KIT_FORMATS } from './form-formats.js'
export { maskApplicationFormData } from './form-masking.js'
export { type ApplicantProfile, buildFormPrefill, type EarlierForm } from './form-prefill.js'
export { listSchemaFields, walkFormData } from './form-schema.js'
export {
  createFormValidation,
  FORM_DATA_MAX_BYTES,
  type FormProblem,
  type FormValidationMode,
} from './form-validation.js'

// The renderer and editor for other modules: lazily loaded (see lazy.ts). Pages of cases itself may import
// ApplicationForm.tsx directly.
export {
  ApplicationForm,
  ApplicationFormBuilder,
  type ApplicationFormBuilderProps,
  type ApplicationFormProps,
  type FormProblem,
} from './lazy.js'

import { Validator } from '@cfworker/json-schema'
import {
  type CustomValidator,
  type ErrorSchema,
  ErrorSchemaBuilder,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils'
import type { IdentityChecks } from '../../application-form/form-formats.js'
import type { ApplicationFormDefinition as ApplicationForm } from '../../application-form/form-schema.js'
import { createFormValidation } from '../../application-form/form-validation.js'

/*
 * rjsf's validator, backed by the field kit's checker (ADR 0022): the same rules and Chinese messages as the
 * server, and no `new Function` (our CSP forbids it, so @rjsf/validator-ajv8 cannot run here).
 */

const conditionValidators = new WeakMap<object, Validator>()

function validatorFor(schema: RJSFSchema, rootSchema: RJSFSchema): Validator {
  let validator = conditionValidators.get(schema)
  if (!validator) {
    const withDefinitions = rootSchema.definitions ? { ...schema, definitions: rootSchema.definitions } : schema
    validator = new Validator(withDefinitions as never, '7', true)
    conditionValidators.set(schema, validator)
  }
  return validator
}

/** An rjsf validator using the kit's validation with the browser's identity checks. */
export function createKitValidator(checks: IdentityChecks): ValidatorType {
  const validation = createFormValidation(checks)
  return {
    validateFormData(
      formData: unknown,
      schema: RJSFSchema,
      customValidate?: CustomValidator,
      transformErrors?: ErrorTransformer,
      uiSchema?: UiSchema,
    ): ValidationData<unknown> {
      const form = { schema, uiSchema: {} } as unknown as ApplicationForm
      // Values of fields that are hidden now stay in rjsf's state until submit omits them: not an error on screen.
      const problems = validation.validate(form, formData ?? {}).filter((problem) => problem.rule !== 'unknown')
      let errors: RJSFValidationError[] = problems.map((problem) => ({
        name: problem.rule,
        property: problem.path.replace(/\//g, '.') || '.',
        message: problem.message,
        stack: problem.message,
      }))
      if (transformErrors) errors = transformErrors(errors, uiSchema)
      const builder = new ErrorSchemaBuilder()
      for (const problem of problems) {
        const path = problem.path.split('/').slice(1)
        builder.addErrors(problem.message.replace(/^“[^”]*”/, ''), path.length > 0 ? path : undefined)
      }
      // Forms are data edited by the centre: there is no per-form custom validation code (customValidate unused).
      void customValidate
      return { errors, errorSchema: builder.ErrorSchema as ErrorSchema }
    },
    isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
      try {
        return validatorFor(schema, rootSchema).validate(formData).valid
      } catch {
        return false
      }
    },
    rawValidation<Result = unknown>(schema: RJSFSchema, formData?: unknown) {
      try {
        return { errors: new Validator(schema as never, '7', false).validate(formData).errors as Result[] }
      } catch (error) {
        return { validationError: error as Error }
      }
    },
  }
}

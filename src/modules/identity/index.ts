export { buildIdNumberCheckCharacter, findIdNumberProblem, maskIdNumber } from './id-number.js'
export { actorOf, identityRoutes } from './identity.routes.js'
export type { Account } from './identity.schemas.js'
export {
  type Actor,
  createIdentityService,
  type IdentityService,
  type IdentitySettings,
  type PersonalDataCipher,
} from './identity.service.js'
export { Permission, ROLE_LABELS, Role } from './roles.js'
export { SESSION_COOKIE } from './session-token.js'
export { generateTotpCode } from './totp.js'
export { buildUsccCheckCharacter, isValidUscc } from './uscc.js'

export { AppError, commonErrors } from './app-error.js'

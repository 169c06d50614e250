export {
  type PreReviewApplicant,
  type PreReviewCheck,
  type PreReviewInput,
  PreReviewRule,
  runPreReview,
} from './pre-review.js'

import type { ItemType, OnlineDepth, SubjectType, Theme } from '../catalog.schemas.js'

// The closed sets of the catalog as plain lists for the portal's filters (labels come from i18n `services.*`).
// They mirror catalog.schemas.ts; importing its values would pull the schema library into the web bundle.
export const ITEM_TYPES: readonly ItemType[] = [
  'licensing',
  'confirmation',
  'payment',
  'adjudication',
  'reward',
  'levy',
  'other_power',
  'public_service',
]
export const ONLINE_DEPTHS: readonly OnlineDepth[] = [
  'full_online',
  'online_pre_review',
  'online_application',
  'online_appointment',
  'offline',
]
export const SUBJECTS: readonly SubjectType[] = ['natural_person', 'legal_person']
export const THEMES: readonly Theme[] = [
  'birth_adoption',
  'education',
  'employment',
  'social_security',
  'household_registration',
  'marriage',
  'housing',
  'transport',
  'medical_health',
  'elderly_care',
  'social_assistance',
  'identity_documents',
  'after_death',
  'establishment',
  'operating_permit',
  'construction',
  'taxation',
  'human_resources',
  'safety_production',
  'deregistration',
]

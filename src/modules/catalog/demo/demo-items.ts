import type { ItemGuide } from '../catalog.schemas.js'
import { APPROVAL_BUSINESS_ITEMS } from './approval-business.js'
import { APPROVAL_CONSTRUCTION_ITEMS } from './approval-construction.js'
import { CENTRE_ITEMS } from './centre.js'
import { CIVIL_ASSISTANCE_ITEMS } from './civil-assistance.js'
import { CIVIL_MARRIAGE_ITEMS } from './civil-marriage.js'
import { CIVIL_SERVICE_ITEMS } from './civil-services.js'
import { withDemoForms } from './demo-forms.js'
import { HEALTH_PRACTICE_ITEMS } from './health-practice.js'
import { HEALTH_SERVICE_ITEMS } from './health-services.js'
import { HOUSING_ITEMS } from './housing.js'
import { HRSS_EMPLOYMENT_ITEMS } from './hrss-employment.js'
import { HRSS_SOCIAL_SECURITY_ITEMS } from './hrss-social-security.js'
import { MARKET_ENTERPRISE_ITEMS } from './market-enterprise.js'
import { MARKET_FOOD_ITEMS } from './market-food.js'
import { MARKET_REGISTRATION_ITEMS } from './market-registration.js'
import { PLANNING_PERMIT_ITEMS } from './planning-permits.js'
import { PLANNING_PROPERTY_ITEMS } from './planning-property.js'
import { POLICE_DOCUMENT_ITEMS } from './police-documents.js'
import { POLICE_HOUSEHOLD_ITEMS } from './police-household.js'

/**
 * The demo county's implementation list (常熟市政务服务事项实施清单, abridged): complete guides across the
 * departments of the demo organization, in the import format. Seeded once, published, when the catalog is empty.
 */
export const DEMO_ITEMS: ItemGuide[] = withDemoForms([
  ...MARKET_FOOD_ITEMS,
  ...MARKET_REGISTRATION_ITEMS,
  ...MARKET_ENTERPRISE_ITEMS,
  ...APPROVAL_CONSTRUCTION_ITEMS,
  ...APPROVAL_BUSINESS_ITEMS,
  ...HEALTH_PRACTICE_ITEMS,
  ...HEALTH_SERVICE_ITEMS,
  ...HOUSING_ITEMS,
  ...PLANNING_PERMIT_ITEMS,
  ...PLANNING_PROPERTY_ITEMS,
  ...POLICE_DOCUMENT_ITEMS,
  ...POLICE_HOUSEHOLD_ITEMS,
  ...HRSS_SOCIAL_SECURITY_ITEMS,
  ...HRSS_EMPLOYMENT_ITEMS,
  ...CIVIL_MARRIAGE_ITEMS,
  ...CIVIL_ASSISTANCE_ITEMS,
  ...CIVIL_SERVICE_ITEMS,
  ...CENTRE_ITEMS,
])

/** The demo item with this exact name (for tests and the relevance list); throws when there is none. */
export function getDemoItemCode(name: string): string {
  const item = DEMO_ITEMS.find((candidate) => candidate.name === name)
  if (!item) throw new Error(`no demo item named ${name}`)
  return item.code
}

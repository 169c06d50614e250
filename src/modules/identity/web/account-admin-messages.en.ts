import type { accountAdminZh } from './account-admin-messages.zh.js'

export const accountAdminEn: Record<keyof typeof accountAdminZh, string> = {
  createNoRolesHint:
    'A new account has no roles: the security administrator grants them on this page. The system generates a one-time initial password, shown once.',
  oneTimeShownOnce: 'Shown only this once. Hand it to the person in person or over a secure channel.',
  copy: 'Copy',
  copied: 'Copied',
  close: 'I have noted it, close',
  createdTitle: 'Account created for “{{name}}”',
  createdText: 'The one-time initial password is below. The person must set a new password at first login.',
  oneTimePasswordLabel: 'One-time password',
  grantRoles: 'Grant roles',
  grantedTitle: 'Administrator role granted to “{{name}}”',
  grantedText:
    'Hand this grant code to the person in person. At first login they type their password and this code, then bind their own authenticator. The code is valid for 7 days and is spent once bound.',
  grantCodeLabel: 'Grant code',
  resetPassword: 'Reset password',
  resetConfirmTitle: 'Reset the password of “{{name}}”?',
  resetConfirmText:
    'The old password stops working and all sessions of the account end. An administrator still needs their own authenticator code.',
  resetTitle: 'Password of “{{name}}” reset',
  resetText: 'The one-time password is below. The person must set a new password after logging in.',
  unlock: 'Unlock',
  unlocked: '“{{name}}” unlocked',
  grantCodeStepTitle: 'Enter the grant code',
  grantCodeStepText:
    'This is the first login of an administrator account (or its authenticator was reset). Enter the grant code the security administrator gave you, then bind an authenticator.',
  grantCodeFieldLabel: 'Grant code',
  grantCodeFieldHelp: 'Like 7KQM-3XPD-R2WN, any case',
  grantCodeFieldRequired: 'Enter the grant code',
  networksTitle: 'Administrator address allow-list',
  networksIntro:
    'The three administrators may log in and work only from these networks; an empty list means no restriction. A list that excludes your current address cannot be saved.',
  networksEmpty: 'Administrator logins are not restricted by address',
  networkCidr: 'Network',
  networkCidrPlaceholder: 'e.g. 10.1.0.0/16 or fd00::/8',
  networkCidrRequired: 'Enter a network',
  networkDescription: 'Description',
  networkDescriptionPlaceholder: 'e.g. IT operations zone',
  networkAdd: 'Add a network',
  networkRemove: 'Remove',
  networksSave: 'Save allow-list',
  networksSaved: 'Administrator address allow-list saved',
  passwordPolicyGuessable:
    'Not a common password (such as Aa123456 or P@ssw0rd), and not containing your login name, phone or ID number',
}

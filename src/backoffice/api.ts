// The back office as the CLI and other modules see it: staff roles and staff credentials.
export { STAFF_ROLES, type StaffRole, backofficeFace } from './face.js';
export { createStaffCredential } from './store.js';

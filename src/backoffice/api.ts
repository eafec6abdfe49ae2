// The back office as the CLI and other modules see it: staff roles and staff credentials.
export { STAFF_ROLES, type StaffRole, backofficeFace } from './face.js';
export { createStaffCredential } from './store.js';
/** The staff console's framework, for a module that mounts its own screen (see console/console-kit.ts). */
export {
  CONSOLE_PREFIX, ConsoleRefusal, type ConsoleRole, type ConsoleScope, type NavigationEntry, type ScreenContext, type ScreenPage, mountConsole,
} from './console/console-kit.js';

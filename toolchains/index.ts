/**
 * The checkers that prove generated code with real toolchains. Each takes the
 * generated files and returns { ok, diagnostics } located in those files; a
 * missing toolchain throws ToolchainMissingError (fix: `npm run toolchains`).
 */
export {
  type AllowedWarning,
  type CheckResult,
  type Diagnostic,
  type Severity,
  INSTALL_HINT,
  ToolchainMissingError,
  formatDiagnostic,
} from './common.js';
export { type KotlinOptions, compileKotlin } from './kotlin.js';
export { type RustOptions, cargoEnv, checkRust } from './rust.js';
export { parseSwift } from './swift.js';
export { type TsOptions, TYPED_PACKAGES, typecheckTs } from './typescript.js';
export { type SystemdOptions, verifySystemdUnit } from './systemd.js';
export { verifyPlist } from './plist.js';
export { verifyXml } from './xml.js';

/**
 * What both desktop runners (Rust and Node) take from the declaration for
 * OS-service mode: the label, the unit description in each file format's
 * escaping, and the notes printed after generation.
 *
 * The unit files themselves are rendered by the generated runner at install
 * time, because only then is the absolute path of the executable known; the
 * generated code carries these pre-escaped pieces.
 */
import type { GenerationContext } from '../../generator/context.js';
import { isHiddenInSource } from '../../escape/core.js';
import { systemdValue, xmlText } from '../../escape/index.js';

/**
 * The OS-service label (systemd unit stem, launchd Label, task name, socket
 * name). It becomes a file name and a command argument, so only a
 * conservative character set is accepted.
 */
export function desktopLabel(ctx: GenerationContext): string {
  const label = ctx.ids.desktopLabel;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(label) || label.includes('..')) {
    throw new Error(
      `bg-service: the desktop label ${JSON.stringify(label)} of service "${ctx.model.names.kebab}" is not a safe file name ` +
        "(letters, digits, '.', '-', '_'; at most 80 characters); set `identifier` in the declaration",
    );
  }
  return label;
}

/**
 * The one-line description of the unit: the declaration's description (or a
 * default), as plain text for people: whitespace runs become one space,
 * hidden characters are dropped, and nothing can end it in a backslash
 * (systemd would read a continuation line).
 */
export function unitDescription(ctx: GenerationContext): string {
  const fallback = `${ctx.model.names.kebab} background service`;
  const text = [...(ctx.model.description ?? '')]
    .map((ch) => (/\s/u.test(ch) ? ' ' : isHiddenInSource(ch.codePointAt(0)!) ? '' : ch))
    .join('')
    .replace(/ +/g, ' ')
    .replace(/[\s\\]+$/u, '')
    .trim();
  return text || fallback;
}

export interface UnitTexts {
  /** For `Description=` of the systemd unit. */
  systemdDescription: string;
  /** For XML text (the Task Scheduler task). */
  xmlDescription: string;
}

export function unitTexts(ctx: GenerationContext): UnitTexts {
  const description = unitDescription(ctx);
  return { systemdDescription: systemdValue(description), xmlDescription: xmlText(description) };
}

/** What the user must do by hand for OS-service mode, printed after generation. */
export function desktopNotes(ctx: GenerationContext, entry: string): string[] {
  const d = ctx.model.desktop;
  if (d.mode !== 'osService') return [];
  const notes = [
    `${ctx.model.names.kebab}: desktop OS service "${desktopLabel(ctx)}": ${entry}; the app installs it with installService() (systemd user unit on Linux, launchd agent on macOS, Task Scheduler task on Windows).`,
  ];
  if (d.outliveLogout) {
    notes.push(
      `${ctx.model.names.kebab}: to keep the service running after logout on Linux, each user runs once: loginctl enable-linger "$USER"`,
    );
  }
  return notes;
}

/** The IPC endpoint hash both runners compute: FNV-1a (32 bits) of `<label>\0<data folder>` in UTF-8. */
export function endpointHash(label: string, dataDir: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(`${label}\0${dataDir}`, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

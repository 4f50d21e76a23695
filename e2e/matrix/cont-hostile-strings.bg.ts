// Matrix row: hostile and Unicode strings wherever the declaration takes text, and a
// package whose segments are Kotlin keywords (`in`, `fun`).
import { defineService } from 'create-bg-service';

/**
 * Docs with a comment opener /* that Kotlin, Swift and Rust nest, a lone * / pair,
 * dollar $signs and ${templates}, """triple quotes""", back\slashes, trailing slash /
 */
export interface Events {
  /** Opens a comment /* and /** twice, then ends with a slash / */
  'quoted': { 'withQuotes'?: string; dollar: string; _under: boolean };
  /** RTL override ‮ and zero-width ​ joiners, emoji 🚀, 中文, عربى. */
  unicode: { text: string };
}

export interface Commands {
  /** Echo "anything" back: $x ${y} \n */
  echo(input: { text: string }): { text: string };
}

export default defineService<Events, Commands>({
  name: 'cont-hostile-strings',
  identifier: 'com.example.in.fun.hostile',
  description: 'Desc with */ and "quotes" and ${x}',
  kind: 'continuous',
  hosts: ['tauri', 'capacitor'],
  android: {
    foregroundServiceType: ['dataSync', 'specialUse'],
    specialUseSubtype: 'Quotes " \' & <tags> and ${x} $y """ */ and a\nnewline\tand tab and RTL \u202E mark 🚀',
    notification: {
      channel: 'hostile.channel-1_x',
      channelName: 'Channel "name" with ${x} and \\ backslash',
      title: 'Title "quoted" $HOME ${evil} """ */ /* \\n \u202Eevil\u202C 🚀 中文 العربية',
      text: 'Line one\nLine two\r\nTab\there \u200B zero-width \u2028 line-sep',
      importance: 'high',
      stopAction: 'Stop "now" ${x} */',
    },
    restartOnBoot: true,
    onTimeout: 'notifyUser',
  },
});

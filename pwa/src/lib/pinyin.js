// A name's pinyin syllables without tones (pinyin-pro, pinned): loaded with import() when a new child is checked
// for duplicates, so its dictionary is a chunk of its own and never part of the shell.
import { pinyin } from 'pinyin-pro';

/** '王晓明' → ['wang', 'xiao', 'ming']; characters that are not Chinese are kept as they are. */
export function syllables(name) {
  return name ? pinyin(name, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase()) : [];
}

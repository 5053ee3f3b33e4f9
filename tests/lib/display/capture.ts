/** Test helper: route displays into an array (as the wire would carry them: JSON) instead of tslab/stdout. */
import { DisplayMessage, setTransport } from '../../../src/lib/display/transport';

export interface Sent { message: DisplayMessage; update: boolean }

export function captureDisplays(): { sent: Sent[]; restore: () => void } {
  const sent: Sent[] = [];
  const previous = setTransport((message, update) => { sent.push({ message: JSON.parse(JSON.stringify(message)), update }); });
  return { sent, restore: () => { setTransport(previous); } };
}

import { LinkTokens } from '../../src/link-tokens/link-tokens';
import type { TestApp } from './test-app';

/** A participant's personal path `/p/<token>`, re-created as the delivery worker does (from the stored nonce). */
export async function personalPathOf(t: TestApp, participantId: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT link_nonce FROM participants WHERE id = $1`, [participantId]);
  return `/p/${t.get<LinkTokens>(LinkTokens).token('participant', participantId, row.link_nonce)}`;
}

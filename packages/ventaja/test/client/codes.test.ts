import { describe, expect, it } from 'vitest';
import { classifyVentajaCode, VENTAJA_RESPONSE_CODES, VentajaClient, VentajaError } from '../../src/index.js';
import { startVentajaSimulator } from '../../src/testing/index.js';
import { clientOptionsFor, tenAmManila } from '../support.js';

// spec §6, written out row by row so a change to the table is a visible change to this test.
const table: [codes: number[], category: string, retryable: boolean][] = [
  [[101], 'declined', false],
  [[102], 'authentication', false],
  [[103], 'invalid_request', false],
  [[105, 119, 143], 'invalid_request', false],
  [[107], 'limit_exceeded', false],
  [[109, 110, 111, 112, 114, 115, 117, 118], 'invalid_request', false],
  [[113], 'insufficient_funds', false],
  [[122], 'authentication', false],
  [[124], 'duplicate', false],
  [[125], 'duplicate', false],
  [[126], 'declined', false],
  [[128], 'declined', false],
  [[129], 'not_found', false],
  [[130, 138, 139], 'invalid_request', false],
  [[131], 'duplicate', false],
  [[132], 'invalid_request', false],
  [[133], 'invalid_request', false],
  [[136], 'duplicate', false],
  [[141], 'invalid_request', false],
  [[997], 'unavailable', true],
  [[998], 'unavailable', true],
  [[999], 'unknown', true],
  [[104, 150, 500, 996], 'declined', false], // unlisted 101–996
];

describe('result codes (spec §6)', () => {
  for (const [codes, category, retryable] of table) {
    for (const code of codes) {
      it(`${code} → ${category}, retryable ${retryable}`, () => {
        expect(classifyVentajaCode(code)).toEqual({ category, retryable });
      });
    }
  }

  it('100 is success and every listed code has a meaning', () => {
    expect(classifyVentajaCode(100)).toBe('success');
    for (const [code, row] of VENTAJA_RESPONSE_CODES) {
      expect(row.meaning.length, `meaning of ${code}`).toBeGreaterThan(0);
    }
  });

  it('codeOverrides replace a row', () => {
    expect(classifyVentajaCode(126, { 126: { category: 'unavailable', retryable: true } })).toEqual({
      category: 'unavailable',
      retryable: true,
    });
  });

  it('a code on the wire becomes a VentajaError with vendorCode, category, retryable and the vendor message', async () => {
    const simulator = await startVentajaSimulator({ clock: tenAmManila });
    const client = new VentajaClient(
      clientOptionsFor(simulator, { codeOverrides: { 131: { category: 'declined', retryable: false } } }),
    );
    try {
      simulator.inject({ path: '/balance', kind: 'code', code: 113 });
      const error = await client.outlet.balance().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(VentajaError);
      expect(error).toMatchObject({
        vendor: 'ventaja',
        vendorCode: '113',
        category: 'insufficient_funds',
        retryable: false,
        vendorMessage: 'Insufficient credit',
      });
      simulator.inject({ path: '/balance', kind: 'code', code: 131 });
      await expect(client.outlet.balance()).rejects.toMatchObject({
        vendorCode: '131',
        category: 'declined',
      });
    } finally {
      await client.close();
      await simulator.close();
    }
  });
});

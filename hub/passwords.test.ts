/** Operator password hashing: scrypt with a salt per hash and its parameters stored with it. */
import { strict as assert } from 'node:assert';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('operator passwords (scrypt)', () => {
  it('verifies the right password only, with the parameters stored in the hash', async () => {
    const hash = await hashPassword('correct horse battery', CHEAP);
    assert.match(hash, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
    assert.equal(await verifyPassword('', hash), false);
  });

  it('salts each hash: the same password twice gives two different hashes, both verifying', async () => {
    const [a, b] = [await hashPassword('same password here', CHEAP), await hashPassword('same password here', CHEAP)];
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('same password here', a), true);
    assert.equal(await verifyPassword('same password here', b), true);
  });

  it('keeps verifying a hash made under other parameters (the default is stronger)', async () => {
    const strong = await hashPassword('made with the default');
    assert.match(strong, /^scrypt\$32768\$8\$1\$/);
    assert.equal(await verifyPassword('made with the default', strong), true);
  });

  it('never matches a stored value that is not a well-formed scrypt hash, nor absurd parameters', async () => {
    const hash = await hashPassword('a password of ours', CHEAP);
    for (const stored of ['', 'plain text', hash.replace('scrypt$', 'bcrypt$'), hash.replace('$1024$', '$1000$'), hash.replace('$1024$', `$${2 ** 30}$`), hash.slice(0, -8)]) {
      assert.equal(await verifyPassword('a password of ours', stored), false, stored);
    }
  });

  it('says why a new password is refused', () => {
    assert.match(passwordProblem('short') ?? '', /at least 10/);
    assert.match(passwordProblem(' padded password ') ?? '', /spaces/);
    assert.match(passwordProblem('x'.repeat(201)) ?? '', /at most 200/);
    assert.equal(passwordProblem('long enough, fine'), null);
  });

  it('generates passwords a person can type: 4 groups of 5, no look-alike characters, never twice the same', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      assert.match(p, /^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/);
      assert.equal(passwordProblem(p), null);
      seen.add(p);
    }
    assert.equal(seen.size, 200);
  });
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatMimecastDate, hmacSha1Base64, signRequest} from '../../../src/bind/mimecast/index.js';
import {signedAuthorization} from '../../../src/bind/mimecast/request-headers.js';

const referenceVector = {
  secretKey: 'AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=',
  date: 'Tue, 24 Nov 2015 12:50:11 UTC',
  reqId: '8578FCFC-A305-4D9A-99CB-F4D5ECEFE297',
  path: '/api/account/get-account',
  appKey: '00000000-0000-0000-0000-000000000000',
};

test('signs the reference vector: date:reqId:path:appKey with the decoded secret key', () => {
  assert.equal(signRequest(referenceVector), 'pLqbh+WeXZBJBcLs4eBiWTo3i+w=');
});

test('HMAC-SHA1 matches RFC 2202 test case 2 (key "Jefe")', () => {
  assert.equal(
    hmacSha1Base64('SmVmZQ==', 'what do ya want for nothing?'),
    '7/zfauXrL6LSdBbV8YTfnCWafHk=',
  );
});

test('every signed value changes the signature (path only, not the full URL)', () => {
  const base = signRequest(referenceVector);
  for (const [field, value] of [
    ['date', 'Tue, 24 Nov 2015 12:50:12 UTC'],
    ['reqId', '8578FCFC-A305-4D9A-99CB-F4D5ECEFE298'],
    ['path', 'https://eu-api.mimecast.com/api/account/get-account'],
    ['appKey', '00000000-0000-0000-0000-000000000001'],
  ] as const) {
    assert.notEqual(signRequest({...referenceVector, [field]: value}), base, field);
  }
});

test('the Authorization header is "MC accessKey:signature"', () => {
  const header = signedAuthorization({...referenceVector, accessKey: 'access-1'});
  assert.equal(header, 'MC access-1:pLqbh+WeXZBJBcLs4eBiWTo3i+w=');
});

test('x-mc-date is RFC 1123 with a literal UTC suffix', () => {
  assert.equal(
    formatMimecastDate(new Date(Date.UTC(2015, 10, 24, 12, 50, 11))),
    'Tue, 24 Nov 2015 12:50:11 UTC',
  );
  assert.equal(
    formatMimecastDate(new Date(Date.UTC(2026, 0, 3, 4, 5, 6))),
    'Sat, 03 Jan 2026 04:05:06 UTC',
  );
});

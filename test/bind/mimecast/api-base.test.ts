import assert from 'node:assert/strict';
import {test} from 'node:test';
import {BindError} from '../../../src/bind/errors.js';
import {parseApiBase} from '../../../src/bind/mimecast/api-base.js';

const setting = {errorClass: 'input', label: 'The discovery URL', fix: 'Fix it.'} as const;

function refused(text: string): BindError {
  try {
    parseApiBase(text, setting);
  } catch (error) {
    assert.ok(error instanceof BindError);
    return error;
  }
  assert.fail(`${text} was accepted`);
}

test('https hosts are accepted and reduced to their origin', () => {
  assert.equal(
    parseApiBase('https://eu-api.mimecast.com/', setting),
    'https://eu-api.mimecast.com',
  );
  assert.equal(parseApiBase(' https://api.mimecast.com ', setting), 'https://api.mimecast.com');
});

test('plain http is refused everywhere, loopback included', () => {
  for (const text of [
    'http://eu-api.mimecast.com',
    'http://127.0.0.1:8080',
    'http://[::1]:8080',
    'http://localhost:1',
  ]) {
    assert.match(refused(text).message, /must use https/, text);
  }
});

test('a refused setting names the form field it came from', () => {
  const error = (() => {
    try {
      parseApiBase('http://x.example', {...setting, setting: 'discoveryUrl'});
    } catch (caught) {
      return caught;
    }
    return null;
  })();
  assert.ok(error instanceof BindError);
  assert.equal(error.setting, 'discoveryUrl');
});

test('other schemes, paths, queries and non-URLs are refused with the given class', () => {
  for (const text of [
    'ftp://api.mimecast.com',
    'https://x.example/api',
    'https://x.example/?a=1',
    'api',
  ]) {
    assert.equal(refused(text).errorClass, 'input', text);
  }
});

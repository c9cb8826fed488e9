import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {detectTerminalCaps} from '../../src/components/terminal-caps.js';

describe('detectTerminalCaps', () => {
  it('draws ASCII on a Windows console that is not a known Unicode host', () => {
    assert.equal(detectTerminalCaps({}, 'win32').unicode, false);
    assert.equal(detectTerminalCaps({TERM: 'cygwin'}, 'win32').unicode, false);
  });

  it('draws Unicode in Windows Terminal, VS Code and xterm-256color hosts on Windows', () => {
    assert.equal(detectTerminalCaps({WT_SESSION: 'f00'}, 'win32').unicode, true);
    assert.equal(detectTerminalCaps({TERM_PROGRAM: 'vscode'}, 'win32').unicode, true);
    assert.equal(detectTerminalCaps({TERM: 'xterm-256color'}, 'win32').unicode, true);
  });

  it('draws Unicode elsewhere, except on the Linux virtual console', () => {
    assert.equal(detectTerminalCaps({TERM: 'xterm'}, 'linux').unicode, true);
    assert.equal(detectTerminalCaps({TERM: 'linux'}, 'linux').unicode, false);
  });

  it('draws ASCII under a locale of another character set, and on a dumb terminal', () => {
    for (const env of [
      {TERM: 'xterm', LANG: 'C'},
      {TERM: 'xterm', LANG: 'en_US.UTF-8', LC_ALL: 'POSIX'},
      {TERM: 'xterm', LC_CTYPE: 'de_DE.ISO-8859-1'},
      {TERM: 'dumb'},
    ]) {
      assert.equal(detectTerminalCaps(env, 'linux').unicode, false, JSON.stringify(env));
    }
    for (const env of [
      {TERM: 'xterm', LANG: 'C.UTF-8'},
      {TERM: 'xterm', LC_ALL: 'en_GB.utf8'},
    ]) {
      assert.equal(detectTerminalCaps(env, 'linux').unicode, true, JSON.stringify(env));
    }
  });

  it('forces ASCII with MSE_BIND_ASCII=1, even in Windows Terminal', () => {
    assert.equal(detectTerminalCaps({MSE_BIND_ASCII: '1'}, 'linux').unicode, false);
    assert.equal(
      detectTerminalCaps({MSE_BIND_ASCII: '1', WT_SESSION: 'x'}, 'win32').unicode,
      false,
    );
    assert.equal(detectTerminalCaps({MSE_BIND_ASCII: '0'}, 'linux').unicode, true);
  });

  it('turns colour off when NO_COLOR has a value, and only then', () => {
    assert.equal(detectTerminalCaps({NO_COLOR: '1'}, 'linux').color, false);
    assert.equal(detectTerminalCaps({NO_COLOR: ''}, 'linux').color, true);
    assert.equal(detectTerminalCaps({}, 'win32').color, true);
  });
});

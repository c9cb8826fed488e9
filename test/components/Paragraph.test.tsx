import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {Paragraph, paragraphLines} from '../../src/components/Paragraph.js';
import {renderView} from '../helpers/render-view.js';

describe('Paragraph', () => {
  const cause =
    'Cause: Mimecast refused admin@contoso.example: the password is wrong, or the account uses ' +
    'a cloud password (Basic-Cloud) rather than a domain password.';

  it('wraps at word boundaries, no line starting on a space, exactly as tall as the text', () => {
    const lines = paragraphLines(cause, 40, 5);
    assert.ok(lines.length > 1);
    for (const line of lines) {
      assert.ok(line.length <= 40, line);
      assert.ok(!line.startsWith(' '), `"${line}"`);
    }
    assert.equal(lines.join(' '), cause);
    assert.equal(renderView(<Paragraph text={cause} width={40} maxLines={5} />), lines.join('\n'));
  });

  it('takes one line for a short text', () => {
    assert.deepEqual(paragraphLines('Fix: type it again.', 80, 4), ['Fix: type it again.']);
  });

  it('cuts a long text at its last line and marks the cut', () => {
    const lines = paragraphLines(cause.repeat(20), 40, 3);
    assert.equal(lines.length, 3);
    assert.ok(lines[2]?.endsWith('...'), lines[2]);
    assert.ok((lines[2]?.length ?? 0) <= 40);
  });
});

import { createProgress } from './createProgress.js';
import { displayWidth } from './displayWidth.js';
import { renderTable } from './renderTable.js';

function sink(): { text: string; write(t: string): void } {
  return {
    text: '',
    write(t: string) {
      this.text += t;
    },
  };
}

describe('renderTable', () => {
  it('pads columns to the widest cell, counting wide characters twice', () => {
    expect(
      renderTable(
        ['THING', 'STATUS'],
        [
          ['AMR-001', 'ACTIVE'],
          ['設備', ''],
        ],
      ),
    ).toBe('THING    STATUS\n-------  ------\nAMR-001  ACTIVE\n設備\n');
    expect(displayWidth('設備A')).toBe(5);
  });

  it('prints the header and rule for no rows', () => {
    expect(renderTable(['A', 'BB'], [])).toBe('A  BB\n-  --\n');
  });
});

describe('createProgress', () => {
  it('draws nothing unless standard error is a TTY', () => {
    const stderr = sink();
    const progress = createProgress({ stdout: sink(), stderr, isTTY: false }, 3);
    progress.tick('a');
    progress.done();
    expect(stderr.text).toBe('');
  });

  it('redraws a bar in place and clears it when done', () => {
    const stderr = sink();
    const progress = createProgress({ stdout: sink(), stderr, isTTY: true }, 2);
    progress.tick('AMR-001');
    progress.tick('AMR-002');
    expect(stderr.text).toContain('\r[############............] 1/2 AMR-001');
    expect(stderr.text).toContain('\r[########################] 2/2 AMR-002');
    progress.done();
    expect(stderr.text.endsWith('\r')).toBe(true);
  });
});

import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {readonly rows: number; readonly columns: number};

/** The terminal's size, updated on resize; 80x25 when the stream does not say (tests, pipes). */
export function useTerminalSize(): TerminalSize {
  const {stdout} = useStdout();
  const read = (): TerminalSize => ({rows: stdout.rows || 25, columns: stdout.columns || 80});
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // The stream is fixed for the program's life.
  }, [stdout]);
  return size;
}

// Errors: Python's (re.error and the few others re.compile raises) and this port's refusals.

export const UNSUPPORTED = 'unsupported in chaos-action:';

/** A Python error raised by re.compile: its message and its position in the pattern (-1: none). */
export class ReError {
  readonly msg: string;
  readonly pos: number;
  constructor(msg: string, pos: number) {
    this.msg = msg;
    this.pos = pos;
  }
}

/**
 * Progress for long runs: a redrawn bar on a TTY, one plain line per stage elsewhere (CI logs),
 * nothing when quiet. Writes to stderr so stdout stays machine-readable.
 */
export class Progress {
  private label = '';
  private total = 0;
  private done = 0;
  private lastDraw = 0;

  constructor(private readonly mode: 'bar' | 'lines' | 'off') {}

  static for(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
    return new Progress(quiet ? 'off' : stream.isTTY && !process.env.CI ? 'bar' : 'lines');
  }

  stage(label: string, total = 0): void {
    this.finishBar();
    [this.label, this.total, this.done] = [label, total, 0];
    if (this.mode === 'lines')
      process.stderr.write(`docs2ts: ${label}${total ? ` (${total})` : ''}\n`);
    else this.draw(true);
  }

  tick(count = 1): void {
    this.done += count;
    this.draw(false);
  }

  end(): void {
    this.finishBar();
  }

  private draw(force: boolean): void {
    if (this.mode !== 'bar') return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 80 && this.done < this.total) return;
    this.lastDraw = now;
    const width = 24;
    const filled = this.total ? Math.round((this.done / this.total) * width) : 0;
    const bar = this.total
      ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} `
      : '';
    process.stderr.write(`\r\x1b[2K${bar}${this.label}`);
  }

  private finishBar(): void {
    if (this.mode === 'bar' && this.label) process.stderr.write('\r\x1b[2K');
    this.label = '';
  }
}

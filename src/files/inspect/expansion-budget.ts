/** The bytes that may still be expanded out of archives, shared by every archive in a file (nested ones included). */
export class ExpansionBudget {
  constructor(private left: number) {}

  get remaining(): number {
    return this.left;
  }

  /** Spends `bytes`; false (and nothing spent) when fewer are left. */
  take(bytes: number): boolean {
    if (bytes > this.left) return false;
    this.left -= bytes;
    return true;
  }
}

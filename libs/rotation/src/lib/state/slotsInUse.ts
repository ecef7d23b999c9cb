/** The slot-bearing parts of any phase, written structurally so the state schema can use it too. */
interface SlotBearing {
  readonly claim: { readonly slot: string };
  readonly current: { readonly slot: string } | null;
  readonly step?: { readonly slot: string } | { readonly next: { readonly slot: string } };
  readonly resume?:
    | { readonly kind: 'startOver' }
    | { readonly kind: 'switch'; readonly next: { readonly slot: string } };
}

/**
 * The slots a state still needs (claim, current, the attempt in flight, a registered certificate
 * waiting to be switched to), in that order. Pending deletions are not in use.
 */
export function slotsInUse(state: SlotBearing): string[] {
  const slots = [state.claim.slot];
  if (state.current !== null) slots.push(state.current.slot);
  if (state.step !== undefined) {
    slots.push('next' in state.step ? state.step.next.slot : state.step.slot);
  }
  if (state.resume?.kind === 'switch') slots.push(state.resume.next.slot);
  return slots;
}

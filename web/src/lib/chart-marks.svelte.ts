// The one mark of a chart whose figures show: set by pointing at it, tapping it or tabbing to it,
// cleared by leaving it or pressing Escape. One per chart, so two charts never fight over it.
export type MarkTip = { key: string; x: number; y: number; text: string };

export class ActiveMark {
  tip = $state<MarkTip | null>(null);
  /** The mark shown last, kept after the pointer or focus leaves it (Escape clears it): what a link beside the chart acts on. */
  last = $state<MarkTip | null>(null);

  /** Event handlers for one mark, spread on its element. */
  handlers(tip: () => MarkTip) {
    const show = () => (this.tip = this.last = tip());
    const hide = () => (this.tip = null);
    return {
      onpointerenter: show,
      onpointerleave: hide,
      onfocus: show,
      onblur: hide,
      onclick: show,
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === 'Escape') this.tip = this.last = null;
      },
    };
  }

  isActive(key: string): boolean {
    return this.tip?.key === key;
  }
}

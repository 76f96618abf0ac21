/**
 * Code both main and the renderer run (the renderer imports no runtime value from `main/`): pure,
 * with no imports, on the shapes the contract defines.
 */

interface TargetNode {
  id: string;
  label: string;
  selectable?: boolean;
  children?: readonly TargetNode[];
}

/** One filing target as a list shows it and an outbox entry records it: the path names its place in the tree. */
export interface TargetChoice {
  id: string;
  /** "Clinical › Lab results": the folder path, so two "Other" sub-folders are told apart. */
  label: string;
}

export const TARGET_PATH_SEPARATOR = ' › ';

/** The targets one can file to, depth first in the server's order, each labelled with its path. */
export function targetChoices(targets: readonly TargetNode[], path: readonly string[] = []): TargetChoice[] {
  return targets.flatMap((target) => {
    const here = [...path, target.label];
    const own = target.selectable === false ? [] : [{ id: target.id, label: here.join(TARGET_PATH_SEPARATOR) }];
    return [...own, ...targetChoices(target.children ?? [], here)];
  });
}

export function findTargetChoice(targets: readonly TargetNode[], id: string): TargetChoice | undefined {
  return targetChoices(targets).find((choice) => choice.id === id);
}

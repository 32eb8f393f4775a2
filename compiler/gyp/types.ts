// gyp's evaluated view of a binding.gyp, reduced to what a wasm build uses.

export type GypTargetType = 'loadable_module' | 'shared_library' | 'static_library' | 'executable' | 'none';

export interface GypTarget {
  /** "/abs/binding.gyp:addon#target" — gyp's own id, used in dependencies. */
  qualifiedName: string;
  name: string;
  gypFile: string;
  type: GypTargetType;
  /** Qualified names of the targets this one depends on. */
  dependencies: string[];
  /** Absolute paths, in gyp order. */
  sources: string[];
  defines: string[];
  /** Absolute paths. */
  includeDirs: string[];
  cflags: string[];
  cflagsC: string[];
  cflagsCc: string[];
  ldflags: string[];
  libraries: string[];
  /** Names of gyp actions/rules/copies, which a wasm build does not run. */
  actions: string[];
}

export interface GypProject {
  /** The binding.gyp that was evaluated. */
  gypFile: string;
  configuration: 'Release' | 'Debug';
  /** In dependency order: a target's dependencies come before it. */
  targets: GypTarget[];
  /** Values chosen for gyp's OS and target_arch variables. */
  variables: Record<string, string>;
}

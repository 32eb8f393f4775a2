// Finds the places where a package's JavaScript loads its native addon, with
// a real parser (@babel/parser) and scope analysis (@babel/traverse). Each
// site becomes an edit: a source range and the code that loads the Wasm
// build instead. Never a regex over source code.
import { parse } from '@babel/parser';
import traverseModule, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

// @babel/traverse is CommonJS; under ESM its function is the default's default.
type Traverse = typeof import("@babel/traverse").default;
const traverse: Traverse = (traverseModule as unknown as { default?: Traverse }).default ?? (traverseModule as unknown as Traverse);

export type LoaderKind = 'node-gyp-build' | 'bindings' | 'node-pre-gyp' | 'build-path' | 'computed-path';

export interface LoaderSite {
  kind: LoaderKind;
  /** The addon target this site loads. */
  target: string;
  start: number;
  end: number;
  line: number;
  /** What replaces source[start, end): an expression evaluating to the addon's exports. */
  replacement: (loadExpression: string) => string;
}

export interface UnrecognizedSite {
  line: number;
  reason: string;
}

export interface FileAnalysis {
  sites: LoaderSite[];
  unrecognized: UnrecognizedSite[];
  isModule: boolean;
}

const GYP_BUILD_LOADERS = new Set(['node-gyp-build', 'node-gyp-build-optional-packages']);
const PRE_GYP_LOADERS = new Set(['@mapbox/node-pre-gyp', '@discordjs/node-pre-gyp', 'node-pre-gyp']);

function isRequireOf(node: t.Node | null | undefined, names: Set<string> | string): node is t.CallExpression {
  if (!node || node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return false;
  const arg = node.arguments[0];
  if (!arg || arg.type !== 'StringLiteral') return false;
  return typeof names === 'string' ? arg.value === names : names.has(arg.value);
}

/** "bufferutil", "bufferutil.node", "./build/Release/bufferutil.node" → "bufferutil". */
function addonNameFromPath(p: string): string {
  return p.replace(/\\/g, '/').split('/').pop()!.replace(/\.node$/, '');
}

/** The static text of a string, template or concatenation, with "*" for the dynamic parts. */
function staticShape(node: t.Node): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('*');
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const l = staticShape(node.left as t.Node) ?? '*';
    const r = staticShape(node.right) ?? '*';
    return l + r;
  }
  return undefined;
}

export interface AnalyzeOptions {
  /** Targets the package builds. */
  targets: string[];
  /** For loaders that do not name the addon (node-gyp-build, node-pre-gyp): the one to use. */
  defaultTarget: string | undefined;
}

export function analyzeLoaderFile(source: string, options: AnalyzeOptions): FileAnalysis {
  let ast: t.File;
  try {
    ast = parse(source, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, errorRecovery: true, plugins: ['importMeta', 'topLevelAwait'] }) as unknown as t.File;
  } catch (err) {
    return { sites: [], unrecognized: [{ line: (err as { loc?: { line: number } }).loc?.line ?? 1, reason: `cannot parse: ${(err as Error).message}` }], isModule: false };
  }
  const isModule = ast.program.sourceType === 'module';
  const sites: LoaderSite[] = [];
  const unrecognized: UnrecognizedSite[] = [];
  const targetSet = new Set(options.targets);
  const whole = (loadExpression: string) => loadExpression;
  const add = (kind: LoaderKind, target: string | undefined, node: t.Node, replacement = whole) => {
    const line = node.loc?.start.line ?? 1;
    if (!target || !targetSet.has(target)) {
      unrecognized.push({ line, reason: `${kind} loads "${target ?? '?'}", which is not one of the targets built (${options.targets.join(', ')})` });
      return;
    }
    sites.push({ kind, target, start: node.start!, end: node.end!, line, replacement });
  };

  traverse(ast, {
    CallExpression(p: NodePath<t.CallExpression>) {
      const node = p.node;
      const callee = node.callee;
      // require('node-gyp-build')(__dirname) and require('bindings')('name')
      if (isRequireOf(callee as t.Node, GYP_BUILD_LOADERS)) {
        add('node-gyp-build', options.defaultTarget, node);
        p.skip();
        return;
      }
      if (isRequireOf(callee as t.Node, 'bindings')) {
        add('bindings', bindingsTarget(node.arguments[0]), node);
        p.skip();
        return;
      }
      // gypBuild(__dirname) / bindings('name') through a variable bound to the loader.
      if (callee.type === 'Identifier') {
        const binding = p.scope.getBinding(callee.name);
        const init = binding?.path.isVariableDeclarator() ? (binding.path.node as t.VariableDeclarator).init : undefined;
        const imported = binding?.path.isImportDefaultSpecifier() ? (binding.path.parentPath?.node as t.ImportDeclaration).source.value : undefined;
        if (isRequireOf(init, GYP_BUILD_LOADERS) || (imported && GYP_BUILD_LOADERS.has(imported))) {
          add('node-gyp-build', options.defaultTarget, node);
          return;
        }
        if (isRequireOf(init, 'bindings') || imported === 'bindings') {
          add('bindings', bindingsTarget(node.arguments[0]), node);
          return;
        }
      }
      // require(<something>) that resolves to the addon.
      if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments.length === 1 && !p.scope.hasBinding('require')) {
        const arg = node.arguments[0]!;
        if (arg.type === 'StringLiteral') {
          if (/\.node$/.test(arg.value) || /(^|\/)build\/(Release|Debug)\//.test(arg.value)) add('build-path', addonNameFromPath(arg.value), node);
          return;
        }
        if (isPreGypFind(arg, p)) {
          add('node-pre-gyp', options.defaultTarget, node);
          return;
        }
        const shape = staticShape(arg);
        const tail = shape !== undefined ? /([\w.-]+)\.node$/.exec(shape) ?? /build\/[^/]*\/([\w.-]+)$/.exec(shape) : null;
        if (tail && !tail[1]!.includes('*')) {
          add('computed-path', tail[1], node);
          return;
        }
        if (arg.type === 'Identifier' && shape === undefined) {
          const b = p.scope.getBinding(arg.name);
          const bInit = b?.path.isVariableDeclarator() ? (b.path.node as t.VariableDeclarator).init : undefined;
          if (bInit && isPreGypFind(bInit, p)) add('node-pre-gyp', options.defaultTarget, node);
        }
      }
    },
    StringLiteral(p: NodePath<t.StringLiteral>) {
      // Evidence of a loader we did not understand, for the report.
      if (/\.node$/.test(p.node.value) && !sites.some((s) => s.start <= p.node.start! && p.node.end! <= s.end)) {
        unrecognized.push({ line: p.node.loc?.start.line ?? 1, reason: `mentions "${p.node.value}"` });
      }
    },
  });
  // A mention inside a site we handled is not evidence of anything; one report per line.
  const lines = new Set(sites.map((s) => s.line));
  const evidence = unrecognized.filter((u) => !lines.has(u.line) && (lines.add(u.line), true));
  return { sites, unrecognized: evidence, isModule };
}

function bindingsTarget(arg: t.Node | undefined): string | undefined {
  if (!arg) return undefined;
  if (arg.type === 'StringLiteral') return addonNameFromPath(arg.value);
  if (arg.type === 'ObjectExpression') {
    for (const prop of arg.properties) {
      if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier' && prop.key.name === 'bindings' && prop.value.type === 'StringLiteral') {
        return addonNameFromPath(prop.value.value);
      }
    }
  }
  return undefined;
}

/** binary.find(...), find(...) or require('@mapbox/node-pre-gyp').find(...). */
function isPreGypFind(node: t.Node, p: NodePath): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = node.callee;
  const fromPreGyp = (n: t.Node | null | undefined): boolean => {
    if (isRequireOf(n, PRE_GYP_LOADERS)) return true;
    if (n?.type === 'Identifier') {
      const b = p.scope.getBinding(n.name);
      if (!b) return false;
      if (b.path.isVariableDeclarator()) {
        const decl = b.path.node as t.VariableDeclarator;
        // const binary = require('@mapbox/node-pre-gyp')   or   const { find } = require(...)
        return isRequireOf(decl.init, PRE_GYP_LOADERS);
      }
      if (b.path.isImportSpecifier() || b.path.isImportDefaultSpecifier() || b.path.isImportNamespaceSpecifier()) {
        return PRE_GYP_LOADERS.has((b.path.parentPath?.node as t.ImportDeclaration).source.value);
      }
    }
    return false;
  };
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'find') return fromPreGyp(callee.object);
  if (callee.type === 'Identifier' && callee.name === 'find') return fromPreGyp(callee);
  return false;
}

import { fileURLToPath as __hotdockFileURLToPath } from 'node:url';
import { dirname as __hotdockDirname } from 'node:path';
const __filename = __hotdockFileURLToPath(import.meta.url);
const __dirname = __hotdockDirname(__filename);
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2463:
/***/ ((module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
const core_1 = __nccwpck_require__(3893);
const draft7_1 = __nccwpck_require__(9941);
const discriminator_1 = __nccwpck_require__(8886);
const draft7MetaSchema = __nccwpck_require__(2079);
const META_SUPPORT_DATA = ["/properties"];
const META_SCHEMA_ID = "http://json-schema.org/draft-07/schema";
class Ajv extends core_1.default {
    _addVocabularies() {
        super._addVocabularies();
        draft7_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
            this.addKeyword(discriminator_1.default);
    }
    _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        if (!this.opts.meta)
            return;
        const metaSchema = this.opts.$data
            ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA)
            : draft7MetaSchema;
        this.addMetaSchema(metaSchema, META_SCHEMA_ID, false);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
    }
    defaultMeta() {
        return (this.opts.defaultMeta =
            super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : undefined));
    }
}
exports.Ajv = Ajv;
module.exports = exports = Ajv;
module.exports.Ajv = Ajv;
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports["default"] = Ajv;
var validate_1 = __nccwpck_require__(7881);
Object.defineProperty(exports, "KeywordCxt", ({ enumerable: true, get: function () { return validate_1.KeywordCxt; } }));
var codegen_1 = __nccwpck_require__(1436);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return codegen_1._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return codegen_1.str; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return codegen_1.stringify; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return codegen_1.nil; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return codegen_1.Name; } }));
Object.defineProperty(exports, "CodeGen", ({ enumerable: true, get: function () { return codegen_1.CodeGen; } }));
var validation_error_1 = __nccwpck_require__(3021);
Object.defineProperty(exports, "ValidationError", ({ enumerable: true, get: function () { return validation_error_1.default; } }));
var ref_error_1 = __nccwpck_require__(3162);
Object.defineProperty(exports, "MissingRefError", ({ enumerable: true, get: function () { return ref_error_1.default; } }));
//# sourceMappingURL=ajv.js.map

/***/ }),

/***/ 567:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
// eslint-disable-next-line @typescript-eslint/no-extraneous-class
class _CodeOrName {
}
exports._CodeOrName = _CodeOrName;
exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
class Name extends _CodeOrName {
    constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
            throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
    }
    toString() {
        return this.str;
    }
    emptyStr() {
        return false;
    }
    get names() {
        return { [this.str]: 1 };
    }
}
exports.Name = Name;
class _Code extends _CodeOrName {
    constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
    }
    toString() {
        return this.str;
    }
    emptyStr() {
        if (this._items.length > 1)
            return false;
        const item = this._items[0];
        return item === "" || item === '""';
    }
    get str() {
        var _a;
        return ((_a = this._str) !== null && _a !== void 0 ? _a : (this._str = this._items.reduce((s, c) => `${s}${c}`, "")));
    }
    get names() {
        var _a;
        return ((_a = this._names) !== null && _a !== void 0 ? _a : (this._names = this._items.reduce((names, c) => {
            if (c instanceof Name)
                names[c.str] = (names[c.str] || 0) + 1;
            return names;
        }, {})));
    }
}
exports._Code = _Code;
exports.nil = new _Code("");
function _(strs, ...args) {
    const code = [strs[0]];
    let i = 0;
    while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
    }
    return new _Code(code);
}
exports._ = _;
const plus = new _Code("+");
function str(strs, ...args) {
    const expr = [safeStringify(strs[0])];
    let i = 0;
    while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
    }
    optimize(expr);
    return new _Code(expr);
}
exports.str = str;
function addCodeArg(code, arg) {
    if (arg instanceof _Code)
        code.push(...arg._items);
    else if (arg instanceof Name)
        code.push(arg);
    else
        code.push(interpolate(arg));
}
exports.addCodeArg = addCodeArg;
function optimize(expr) {
    let i = 1;
    while (i < expr.length - 1) {
        if (expr[i] === plus) {
            const res = mergeExprItems(expr[i - 1], expr[i + 1]);
            if (res !== undefined) {
                expr.splice(i - 1, 3, res);
                continue;
            }
            expr[i++] = "+";
        }
        i++;
    }
}
function mergeExprItems(a, b) {
    if (b === '""')
        return a;
    if (a === '""')
        return b;
    if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
            return;
        if (typeof b != "string")
            return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
            return a.slice(0, -1) + b.slice(1);
        return;
    }
    if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
    return;
}
function strConcat(c1, c2) {
    return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str `${c1}${c2}`;
}
exports.strConcat = strConcat;
// TODO do not allow arrays here
function interpolate(x) {
    return typeof x == "number" || typeof x == "boolean" || x === null
        ? x
        : safeStringify(Array.isArray(x) ? x.join(",") : x);
}
function stringify(x) {
    return new _Code(safeStringify(x));
}
exports.stringify = stringify;
function safeStringify(x) {
    return JSON.stringify(x)
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}
exports.safeStringify = safeStringify;
function getProperty(key) {
    return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _ `[${key}]`;
}
exports.getProperty = getProperty;
//Does best effort to format the name properly
function getEsmExportName(key) {
    if (typeof key == "string" && exports.IDENTIFIER.test(key)) {
        return new _Code(`${key}`);
    }
    throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
}
exports.getEsmExportName = getEsmExportName;
function regexpCode(rx) {
    return new _Code(rx.toString());
}
exports.regexpCode = regexpCode;
//# sourceMappingURL=code.js.map

/***/ }),

/***/ 1436:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
const code_1 = __nccwpck_require__(567);
const scope_1 = __nccwpck_require__(7788);
var code_2 = __nccwpck_require__(567);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return code_2._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return code_2.str; } }));
Object.defineProperty(exports, "strConcat", ({ enumerable: true, get: function () { return code_2.strConcat; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return code_2.nil; } }));
Object.defineProperty(exports, "getProperty", ({ enumerable: true, get: function () { return code_2.getProperty; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return code_2.stringify; } }));
Object.defineProperty(exports, "regexpCode", ({ enumerable: true, get: function () { return code_2.regexpCode; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return code_2.Name; } }));
var scope_2 = __nccwpck_require__(7788);
Object.defineProperty(exports, "Scope", ({ enumerable: true, get: function () { return scope_2.Scope; } }));
Object.defineProperty(exports, "ValueScope", ({ enumerable: true, get: function () { return scope_2.ValueScope; } }));
Object.defineProperty(exports, "ValueScopeName", ({ enumerable: true, get: function () { return scope_2.ValueScopeName; } }));
Object.defineProperty(exports, "varKinds", ({ enumerable: true, get: function () { return scope_2.varKinds; } }));
exports.operators = {
    GT: new code_1._Code(">"),
    GTE: new code_1._Code(">="),
    LT: new code_1._Code("<"),
    LTE: new code_1._Code("<="),
    EQ: new code_1._Code("==="),
    NEQ: new code_1._Code("!=="),
    NOT: new code_1._Code("!"),
    OR: new code_1._Code("||"),
    AND: new code_1._Code("&&"),
    ADD: new code_1._Code("+"),
};
class Node {
    optimizeNodes() {
        return this;
    }
    optimizeNames(_names, _constants) {
        return this;
    }
}
class Def extends Node {
    constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
    }
    render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === undefined ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
    }
    optimizeNames(names, constants) {
        if (!names[this.name.str])
            return;
        if (this.rhs)
            this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
    }
    get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
    }
}
class Assign extends Node {
    constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
    }
    render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
    }
    optimizeNames(names, constants) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
            return;
        this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
    }
    get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
    }
}
class AssignOp extends Assign {
    constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
    }
    render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
    }
}
class Label extends Node {
    constructor(label) {
        super();
        this.label = label;
        this.names = {};
    }
    render({ _n }) {
        return `${this.label}:` + _n;
    }
}
class Break extends Node {
    constructor(label) {
        super();
        this.label = label;
        this.names = {};
    }
    render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
    }
}
class Throw extends Node {
    constructor(error) {
        super();
        this.error = error;
    }
    render({ _n }) {
        return `throw ${this.error};` + _n;
    }
    get names() {
        return this.error.names;
    }
}
class AnyCode extends Node {
    constructor(code) {
        super();
        this.code = code;
    }
    render({ _n }) {
        return `${this.code};` + _n;
    }
    optimizeNodes() {
        return `${this.code}` ? this : undefined;
    }
    optimizeNames(names, constants) {
        this.code = optimizeExpr(this.code, names, constants);
        return this;
    }
    get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
    }
}
class ParentNode extends Node {
    constructor(nodes = []) {
        super();
        this.nodes = nodes;
    }
    render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
    }
    optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
            const n = nodes[i].optimizeNodes();
            if (Array.isArray(n))
                nodes.splice(i, 1, ...n);
            else if (n)
                nodes[i] = n;
            else
                nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : undefined;
    }
    optimizeNames(names, constants) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
            // iterating backwards improves 1-pass optimization
            const n = nodes[i];
            if (n.optimizeNames(names, constants))
                continue;
            subtractNames(names, n.names);
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : undefined;
    }
    get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
    }
}
class BlockNode extends ParentNode {
    render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
    }
}
class Root extends ParentNode {
}
class Else extends BlockNode {
}
Else.kind = "else";
class If extends BlockNode {
    constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
    }
    render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
            code += "else " + this.else.render(opts);
        return code;
    }
    optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
            return this.nodes; // else is ignored here
        let e = this.else;
        if (e) {
            const ns = e.optimizeNodes();
            e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e) {
            if (cond === false)
                return e instanceof If ? e : e.nodes;
            if (this.nodes.length)
                return this;
            return new If(not(cond), e instanceof If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
            return undefined;
        return this;
    }
    optimizeNames(names, constants) {
        var _a;
        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        if (!(super.optimizeNames(names, constants) || this.else))
            return;
        this.condition = optimizeExpr(this.condition, names, constants);
        return this;
    }
    get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
            addNames(names, this.else.names);
        return names;
    }
}
If.kind = "if";
class For extends BlockNode {
}
For.kind = "for";
class ForLoop extends For {
    constructor(iteration) {
        super();
        this.iteration = iteration;
    }
    render(opts) {
        return `for(${this.iteration})` + super.render(opts);
    }
    optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
            return;
        this.iteration = optimizeExpr(this.iteration, names, constants);
        return this;
    }
    get names() {
        return addNames(super.names, this.iteration.names);
    }
}
class ForRange extends For {
    constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
    }
    render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
    }
    get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
    }
}
class ForIter extends For {
    constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
    }
    render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
    }
    optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
            return;
        this.iterable = optimizeExpr(this.iterable, names, constants);
        return this;
    }
    get names() {
        return addNames(super.names, this.iterable.names);
    }
}
class Func extends BlockNode {
    constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
    }
    render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
    }
}
Func.kind = "func";
class Return extends ParentNode {
    render(opts) {
        return "return " + super.render(opts);
    }
}
Return.kind = "return";
class Try extends BlockNode {
    render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
            code += this.catch.render(opts);
        if (this.finally)
            code += this.finally.render(opts);
        return code;
    }
    optimizeNodes() {
        var _a, _b;
        super.optimizeNodes();
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
    }
    optimizeNames(names, constants) {
        var _a, _b;
        super.optimizeNames(names, constants);
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants);
        return this;
    }
    get names() {
        const names = super.names;
        if (this.catch)
            addNames(names, this.catch.names);
        if (this.finally)
            addNames(names, this.finally.names);
        return names;
    }
}
class Catch extends BlockNode {
    constructor(error) {
        super();
        this.error = error;
    }
    render(opts) {
        return `catch(${this.error})` + super.render(opts);
    }
}
Catch.kind = "catch";
class Finally extends BlockNode {
    render(opts) {
        return "finally" + super.render(opts);
    }
}
Finally.kind = "finally";
class CodeGen {
    constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
    }
    toString() {
        return this._root.render(this.opts);
    }
    // returns unique name in the internal scope
    name(prefix) {
        return this._scope.name(prefix);
    }
    // reserves unique name in the external scope
    scopeName(prefix) {
        return this._extScope.name(prefix);
    }
    // reserves unique name in the external scope and assigns value to it
    scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs = this._values[name.prefix] || (this._values[name.prefix] = new Set());
        vs.add(name);
        return name;
    }
    getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
    }
    // return code that assigns values in the external scope to the names that are used internally
    // (same names that were returned by gen.scopeName or gen.scopeValue)
    scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
    }
    scopeCode() {
        return this._extScope.scopeCode(this._values);
    }
    _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== undefined && constant)
            this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
    }
    // `const` declaration (`var` in es5 mode)
    const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
    }
    // `let` declaration with optional assignment (`var` in es5 mode)
    let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
    }
    // `var` declaration with optional assignment
    var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
    }
    // assignment code
    assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
    }
    // `+=` code
    add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
    }
    // appends passed SafeExpr to code or executes Block
    code(c) {
        if (typeof c == "function")
            c();
        else if (c !== code_1.nil)
            this._leafNode(new AnyCode(c));
        return this;
    }
    // returns code for object literal for the passed argument list of key-value pairs
    object(...keyValues) {
        const code = ["{"];
        for (const [key, value] of keyValues) {
            if (code.length > 1)
                code.push(",");
            code.push(key);
            if (key !== value || this.opts.es5) {
                code.push(":");
                (0, code_1.addCodeArg)(code, value);
            }
        }
        code.push("}");
        return new code_1._Code(code);
    }
    // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
    if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
            this.code(thenBody).else().code(elseBody).endIf();
        }
        else if (thenBody) {
            this.code(thenBody).endIf();
        }
        else if (elseBody) {
            throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
    }
    // `else if` clause - invalid without `if` or after `else` clauses
    elseIf(condition) {
        return this._elseNode(new If(condition));
    }
    // `else` clause - only valid after `if` or `else if` clauses
    else() {
        return this._elseNode(new Else());
    }
    // end `if` statement (needed if gen.if was used only with condition)
    endIf() {
        return this._endBlockNode(If, Else);
    }
    _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
            this.code(forBody).endFor();
        return this;
    }
    // a generic `for` clause (or statement if `forBody` is passed)
    for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
    }
    // `for` statement for a range of values
    forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
    }
    // `for-of` statement (in es5 mode replace with a normal for loop)
    forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
            const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
            return this.forRange("_i", 0, (0, code_1._) `${arr}.length`, (i) => {
                this.var(name, (0, code_1._) `${arr}[${i}]`);
                forBody(name);
            });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
    }
    // `for-in` statement.
    // With option `ownProperties` replaced with a `for-of` loop for object keys
    forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
            return this.forOf(nameOrPrefix, (0, code_1._) `Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
    }
    // end `for` loop
    endFor() {
        return this._endBlockNode(For);
    }
    // `label` statement
    label(label) {
        return this._leafNode(new Label(label));
    }
    // `break` statement
    break(label) {
        return this._leafNode(new Break(label));
    }
    // `return` statement
    return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
            throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
    }
    // `try` statement
    try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
            throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
            const error = this.name("e");
            this._currNode = node.catch = new Catch(error);
            catchCode(error);
        }
        if (finallyCode) {
            this._currNode = node.finally = new Finally();
            this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
    }
    // `throw` statement
    throw(error) {
        return this._leafNode(new Throw(error));
    }
    // start self-balancing block
    block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
            this.code(body).endBlock(nodeCount);
        return this;
    }
    // end the current self-balancing block
    endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === undefined)
            throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || (nodeCount !== undefined && toClose !== nodeCount)) {
            throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
    }
    // `function` heading (or definition if funcBody is passed)
    func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
            this.code(funcBody).endFunc();
        return this;
    }
    // end function definition
    endFunc() {
        return this._endBlockNode(Func);
    }
    optimize(n = 1) {
        while (n-- > 0) {
            this._root.optimizeNodes();
            this._root.optimizeNames(this._root.names, this._constants);
        }
    }
    _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
    }
    _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
    }
    _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || (N2 && n instanceof N2)) {
            this._nodes.pop();
            return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
    }
    _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
            throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
    }
    get _root() {
        return this._nodes[0];
    }
    get _currNode() {
        const ns = this._nodes;
        return ns[ns.length - 1];
    }
    set _currNode(node) {
        const ns = this._nodes;
        ns[ns.length - 1] = node;
    }
}
exports.CodeGen = CodeGen;
function addNames(names, from) {
    for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
    return names;
}
function addExprNames(names, from) {
    return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
}
function optimizeExpr(expr, names, constants) {
    if (expr instanceof code_1.Name)
        return replaceName(expr);
    if (!canOptimize(expr))
        return expr;
    return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
            c = replaceName(c);
        if (c instanceof code_1._Code)
            items.push(...c._items);
        else
            items.push(c);
        return items;
    }, []));
    function replaceName(n) {
        const c = constants[n.str];
        if (c === undefined || names[n.str] !== 1)
            return n;
        delete names[n.str];
        return c;
    }
    function canOptimize(e) {
        return (e instanceof code_1._Code &&
            e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants[c.str] !== undefined));
    }
}
function subtractNames(names, from) {
    for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
}
function not(x) {
    return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._) `!${par(x)}`;
}
exports.not = not;
const andCode = mappend(exports.operators.AND);
// boolean AND (&&) expression with the passed arguments
function and(...args) {
    return args.reduce(andCode);
}
exports.and = and;
const orCode = mappend(exports.operators.OR);
// boolean OR (||) expression with the passed arguments
function or(...args) {
    return args.reduce(orCode);
}
exports.or = or;
function mappend(op) {
    return (x, y) => (x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._) `${par(x)} ${op} ${par(y)}`);
}
function par(x) {
    return x instanceof code_1.Name ? x : (0, code_1._) `(${x})`;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
const code_1 = __nccwpck_require__(567);
class ValueError extends Error {
    constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
    }
}
var UsedValueState;
(function (UsedValueState) {
    UsedValueState[UsedValueState["Started"] = 0] = "Started";
    UsedValueState[UsedValueState["Completed"] = 1] = "Completed";
})(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
exports.varKinds = {
    const: new code_1.Name("const"),
    let: new code_1.Name("let"),
    var: new code_1.Name("var"),
};
class Scope {
    constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
    }
    toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
    }
    name(prefix) {
        return new code_1.Name(this._newName(prefix));
    }
    _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
    }
    _nameGroup(prefix) {
        var _a, _b;
        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || (this._prefixes && !this._prefixes.has(prefix))) {
            throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return (this._names[prefix] = { prefix, index: 0 });
    }
}
exports.Scope = Scope;
class ValueScopeName extends code_1.Name {
    constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
    }
    setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._) `.${new code_1.Name(property)}[${itemIndex}]`;
    }
}
exports.ValueScopeName = ValueScopeName;
const line = (0, code_1._) `\n`;
class ValueScope extends Scope {
    constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
    }
    get() {
        return this._scope;
    }
    name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
    }
    value(nameOrPrefix, value) {
        var _a;
        if (value.ref === undefined)
            throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
        let vs = this._values[prefix];
        if (vs) {
            const _name = vs.get(valueKey);
            if (_name)
                return _name;
        }
        else {
            vs = this._values[prefix] = new Map();
        }
        vs.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
    }
    getValue(prefix, keyOrRef) {
        const vs = this._values[prefix];
        if (!vs)
            return;
        return vs.get(keyOrRef);
    }
    scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
            if (name.scopePath === undefined)
                throw new Error(`CodeGen: name "${name}" has no value`);
            return (0, code_1._) `${scopeName}${name.scopePath}`;
        });
    }
    scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
            if (name.value === undefined)
                throw new Error(`CodeGen: name "${name}" has no value`);
            return name.value.code;
        }, usedValues, getCode);
    }
    _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
            const vs = values[prefix];
            if (!vs)
                continue;
            const nameSet = (usedValues[prefix] = usedValues[prefix] || new Map());
            vs.forEach((name) => {
                if (nameSet.has(name))
                    return;
                nameSet.set(name, UsedValueState.Started);
                let c = valueCode(name);
                if (c) {
                    const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
                    code = (0, code_1._) `${code}${def} ${name} = ${c};${this.opts._n}`;
                }
                else if ((c = getCode === null || getCode === void 0 ? void 0 : getCode(name))) {
                    code = (0, code_1._) `${code}${c}${this.opts._n}`;
                }
                else {
                    throw new ValueError(name);
                }
                nameSet.set(name, UsedValueState.Completed);
            });
        }
        return code;
    }
}
exports.ValueScope = ValueScope;
//# sourceMappingURL=scope.js.map

/***/ }),

/***/ 1283:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const names_1 = __nccwpck_require__(630);
exports.keywordError = {
    message: ({ keyword }) => (0, codegen_1.str) `must pass "${keyword}" keyword validation`,
};
exports.keyword$DataError = {
    message: ({ keyword, schemaType }) => schemaType
        ? (0, codegen_1.str) `"${keyword}" keyword must be ${schemaType} ($data)`
        : (0, codegen_1.str) `"${keyword}" keyword is invalid ($data)`,
};
function reportError(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
    const { it } = cxt;
    const { gen, compositeRule, allErrors } = it;
    const errObj = errorObjectCode(cxt, error, errorPaths);
    if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : (compositeRule || allErrors)) {
        addError(gen, errObj);
    }
    else {
        returnErrors(it, (0, codegen_1._) `[${errObj}]`);
    }
}
exports.reportError = reportError;
function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
    const { it } = cxt;
    const { gen, compositeRule, allErrors } = it;
    const errObj = errorObjectCode(cxt, error, errorPaths);
    addError(gen, errObj);
    if (!(compositeRule || allErrors)) {
        returnErrors(it, names_1.default.vErrors);
    }
}
exports.reportExtraError = reportExtraError;
function resetErrorsCount(gen, errsCount) {
    gen.assign(names_1.default.errors, errsCount);
    gen.if((0, codegen_1._) `${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._) `${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
}
exports.resetErrorsCount = resetErrorsCount;
function extendErrors({ gen, keyword, schemaValue, data, errsCount, it, }) {
    /* istanbul ignore if */
    if (errsCount === undefined)
        throw new Error("ajv implementation error");
    const err = gen.name("err");
    gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._) `${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._) `${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._) `${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
        gen.assign((0, codegen_1._) `${err}.schemaPath`, (0, codegen_1.str) `${it.errSchemaPath}/${keyword}`);
        if (it.opts.verbose) {
            gen.assign((0, codegen_1._) `${err}.schema`, schemaValue);
            gen.assign((0, codegen_1._) `${err}.data`, data);
        }
    });
}
exports.extendErrors = extendErrors;
function addError(gen, errObj) {
    const err = gen.const("err", errObj);
    gen.if((0, codegen_1._) `${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._) `[${err}]`), (0, codegen_1._) `${names_1.default.vErrors}.push(${err})`);
    gen.code((0, codegen_1._) `${names_1.default.errors}++`);
}
function returnErrors(it, errs) {
    const { gen, validateName, schemaEnv } = it;
    if (schemaEnv.$async) {
        gen.throw((0, codegen_1._) `new ${it.ValidationError}(${errs})`);
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, errs);
        gen.return(false);
    }
}
const E = {
    keyword: new codegen_1.Name("keyword"),
    schemaPath: new codegen_1.Name("schemaPath"), // also used in JTD errors
    params: new codegen_1.Name("params"),
    propertyName: new codegen_1.Name("propertyName"),
    message: new codegen_1.Name("message"),
    schema: new codegen_1.Name("schema"),
    parentSchema: new codegen_1.Name("parentSchema"),
};
function errorObjectCode(cxt, error, errorPaths) {
    const { createErrors } = cxt.it;
    if (createErrors === false)
        return (0, codegen_1._) `{}`;
    return errorObject(cxt, error, errorPaths);
}
function errorObject(cxt, error, errorPaths = {}) {
    const { gen, it } = cxt;
    const keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths),
    ];
    extraErrorProps(cxt, error, keyValues);
    return gen.object(...keyValues);
}
function errorInstancePath({ errorPath }, { instancePath }) {
    const instPath = instancePath
        ? (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}`
        : errorPath;
    return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
}
function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
    let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str) `${errSchemaPath}/${keyword}`;
    if (schemaPath) {
        schPath = (0, codegen_1.str) `${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
    }
    return [E.schemaPath, schPath];
}
function extraErrorProps(cxt, { params, message }, keyValues) {
    const { keyword, data, schemaValue, it } = cxt;
    const { opts, propertyName, topSchemaRef, schemaPath } = it;
    keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._) `{}`]);
    if (opts.messages) {
        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
    }
    if (opts.verbose) {
        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._) `${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
    }
    if (propertyName)
        keyValues.push([E.propertyName, propertyName]);
}
//# sourceMappingURL=errors.js.map

/***/ }),

/***/ 2718:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
const codegen_1 = __nccwpck_require__(1436);
const validation_error_1 = __nccwpck_require__(3021);
const names_1 = __nccwpck_require__(630);
const resolve_1 = __nccwpck_require__(4090);
const util_1 = __nccwpck_require__(4464);
const validate_1 = __nccwpck_require__(7881);
class SchemaEnv {
    constructor(env) {
        var _a;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema;
        if (typeof env.schema == "object")
            schema = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
        this.refs = {};
    }
}
exports.SchemaEnv = SchemaEnv;
// let codeSize = 0
// let nodeCount = 0
// Compiles schema in SchemaEnv
function compileSchema(sch) {
    // TODO refactor - remove compilations
    const _sch = getCompilingSchema.call(this, sch);
    if (_sch)
        return _sch;
    const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId); // TODO if getFullPath removed 1 tests fails
    const { es5, lines } = this.opts.code;
    const { ownProperties } = this.opts;
    const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
    let _ValidationError;
    if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
            ref: validation_error_1.default,
            code: (0, codegen_1._) `require("ajv/dist/runtime/validation_error").default`,
        });
    }
    const validateName = gen.scopeName("validate");
    sch.validateName = validateName;
    const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil], // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true
            ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) }
            : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._) `""`,
        opts: this.opts,
        self: this,
    };
    let sourceCode;
    try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        // gen.optimize(1)
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        // console.log((codeSize += sourceCode.length), (nodeCount += gen.nodeCount))
        if (this.opts.code.process)
            sourceCode = this.opts.code.process(sourceCode, sch);
        // console.log("\n\n\n *** \n", sourceCode)
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
            validate.$async = true;
        if (this.opts.code.source === true) {
            validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
            const { props, items } = schemaCxt;
            validate.evaluated = {
                props: props instanceof codegen_1.Name ? undefined : props,
                items: items instanceof codegen_1.Name ? undefined : items,
                dynamicProps: props instanceof codegen_1.Name,
                dynamicItems: items instanceof codegen_1.Name,
            };
            if (validate.source)
                validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
    }
    catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
            this.logger.error("Error compiling schema, function code:", sourceCode);
        // console.log("\n\n\n *** \n", sourceCode, this.opts)
        throw e;
    }
    finally {
        this._compilations.delete(sch);
    }
}
exports.compileSchema = compileSchema;
function resolveRef(root, baseId, ref) {
    var _a;
    ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
    const schOrFunc = root.refs[ref];
    if (schOrFunc)
        return schOrFunc;
    let _sch = resolve.call(this, root, ref);
    if (_sch === undefined) {
        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref]; // TODO maybe localRefs should hold SchemaEnv
        const { schemaId } = this.opts;
        if (schema)
            _sch = new SchemaEnv({ schema, schemaId, root, baseId });
    }
    if (_sch === undefined)
        return;
    return (root.refs[ref] = inlineOrCompile.call(this, _sch));
}
exports.resolveRef = resolveRef;
function inlineOrCompile(sch) {
    if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
    return sch.validate ? sch : compileSchema.call(this, sch);
}
// Index of schema compilation in the currently compiled list
function getCompilingSchema(schEnv) {
    for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
            return sch;
    }
}
exports.getCompilingSchema = getCompilingSchema;
function sameSchemaEnv(s1, s2) {
    return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
}
// resolve and compile the references ($ref)
// TODO returns AnySchemaObject (if the schema can be inlined) or validation function
function resolve(root, // information about the root schema for the current schema
ref // reference to resolve
) {
    let sch;
    while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
    return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
}
// Resolve schema, its root and baseId
function resolveSchema(root, // root object with properties schema, refs TODO below SchemaEnv is assigned to it
ref // reference to resolve
) {
    const p = this.opts.uriResolver.parse(ref);
    const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
    let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, undefined);
    // TODO `Object.keys(root.schema).length > 0` should not be needed - but removing breaks 2 tests
    if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
    }
    const id = (0, resolve_1.normalizeId)(refPath);
    const schOrRef = this.refs[id] || this.schemas[id];
    if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
            return;
        return getJsonPointer.call(this, p, sch);
    }
    if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
    if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
    if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema[schemaId];
        if (schId)
            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema, schemaId, root, baseId });
    }
    return getJsonPointer.call(this, p, schOrRef);
}
exports.resolveSchema = resolveSchema;
const PREVENT_SCOPE_CHANGE = new Set([
    "properties",
    "patternProperties",
    "enum",
    "dependencies",
    "definitions",
]);
function getJsonPointer(parsedRef, { baseId, schema, root }) {
    var _a;
    if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
    for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema === "boolean")
            return;
        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === undefined)
            return;
        schema = partSchema;
        // TODO PREVENT_SCOPE_CHANGE could be defined in keyword def?
        const schId = typeof schema === "object" && schema[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
    }
    let env;
    if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
    }
    // even though resolution failed we need to return SchemaEnv to throw exception
    // so that compileAsync loads missing schema.
    const { schemaId } = this.opts;
    env = env || new SchemaEnv({ schema, schemaId, root, baseId });
    if (env.schema !== env.root.schema)
        return env;
    return undefined;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 630:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const names = {
    // validation function arguments
    data: new codegen_1.Name("data"), // data passed to validation function
    // args passed from referencing schema
    valCxt: new codegen_1.Name("valCxt"), // validation/data context - should not be used directly, it is destructured to the names below
    instancePath: new codegen_1.Name("instancePath"),
    parentData: new codegen_1.Name("parentData"),
    parentDataProperty: new codegen_1.Name("parentDataProperty"),
    rootData: new codegen_1.Name("rootData"), // root data - same as the data passed to the first/top validation function
    dynamicAnchors: new codegen_1.Name("dynamicAnchors"), // used to support recursiveRef and dynamicRef
    // function scoped variables
    vErrors: new codegen_1.Name("vErrors"), // null or array of validation errors
    errors: new codegen_1.Name("errors"), // counter of validation errors
    this: new codegen_1.Name("this"),
    // "globals"
    self: new codegen_1.Name("self"),
    scope: new codegen_1.Name("scope"),
    // JTD serialize/parse name for JSON string and position
    json: new codegen_1.Name("json"),
    jsonPos: new codegen_1.Name("jsonPos"),
    jsonLen: new codegen_1.Name("jsonLen"),
    jsonPart: new codegen_1.Name("jsonPart"),
};
exports["default"] = names;
//# sourceMappingURL=names.js.map

/***/ }),

/***/ 3162:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const resolve_1 = __nccwpck_require__(4090);
class MissingRefError extends Error {
    constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
    }
}
exports["default"] = MissingRefError;
//# sourceMappingURL=ref_error.js.map

/***/ }),

/***/ 4090:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
const util_1 = __nccwpck_require__(4464);
const equal = __nccwpck_require__(3430);
const traverse = __nccwpck_require__(1167);
// TODO refactor to use keyword definitions
const SIMPLE_INLINED = new Set([
    "type",
    "format",
    "pattern",
    "maxLength",
    "minLength",
    "maxProperties",
    "minProperties",
    "maxItems",
    "minItems",
    "maximum",
    "minimum",
    "uniqueItems",
    "multipleOf",
    "required",
    "enum",
    "const",
]);
function inlineRef(schema, limit = true) {
    if (typeof schema == "boolean")
        return true;
    if (limit === true)
        return !hasRef(schema);
    if (!limit)
        return false;
    return countKeys(schema) <= limit;
}
exports.inlineRef = inlineRef;
const REF_KEYWORDS = new Set([
    "$ref",
    "$recursiveRef",
    "$recursiveAnchor",
    "$dynamicRef",
    "$dynamicAnchor",
]);
function hasRef(schema) {
    for (const key in schema) {
        if (REF_KEYWORDS.has(key))
            return true;
        const sch = schema[key];
        if (Array.isArray(sch) && sch.some(hasRef))
            return true;
        if (typeof sch == "object" && hasRef(sch))
            return true;
    }
    return false;
}
function countKeys(schema) {
    let count = 0;
    for (const key in schema) {
        if (key === "$ref")
            return Infinity;
        count++;
        if (SIMPLE_INLINED.has(key))
            continue;
        if (typeof schema[key] == "object") {
            (0, util_1.eachItem)(schema[key], (sch) => (count += countKeys(sch)));
        }
        if (count === Infinity)
            return Infinity;
    }
    return count;
}
function getFullPath(resolver, id = "", normalize) {
    if (normalize !== false)
        id = normalizeId(id);
    const p = resolver.parse(id);
    return _getFullPath(resolver, p);
}
exports.getFullPath = getFullPath;
function _getFullPath(resolver, p) {
    const serialized = resolver.serialize(p);
    return serialized.split("#")[0] + "#";
}
exports._getFullPath = _getFullPath;
const TRAILING_SLASH_HASH = /#\/?$/;
function normalizeId(id) {
    return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
}
exports.normalizeId = normalizeId;
function resolveUrl(resolver, baseId, id) {
    id = normalizeId(id);
    return resolver.resolve(baseId, id);
}
exports.resolveUrl = resolveUrl;
const ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
function getSchemaRefs(schema, baseId) {
    if (typeof schema == "boolean")
        return {};
    const { schemaId, uriResolver } = this.opts;
    const schId = normalizeId(schema[schemaId] || baseId);
    const baseIds = { "": schId };
    const pathPrefix = getFullPath(uriResolver, schId, false);
    const localRefs = {};
    const schemaRefs = new Set();
    traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === undefined)
            return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
            innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
            // eslint-disable-next-line @typescript-eslint/unbound-method
            const _resolve = this.opts.uriResolver.resolve;
            ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
            if (schemaRefs.has(ref))
                throw ambiguos(ref);
            schemaRefs.add(ref);
            let schOrRef = this.refs[ref];
            if (typeof schOrRef == "string")
                schOrRef = this.refs[schOrRef];
            if (typeof schOrRef == "object") {
                checkAmbiguosRef(sch, schOrRef.schema, ref);
            }
            else if (ref !== normalizeId(fullPath)) {
                if (ref[0] === "#") {
                    checkAmbiguosRef(sch, localRefs[ref], ref);
                    localRefs[ref] = sch;
                }
                else {
                    this.refs[ref] = fullPath;
                }
            }
            return ref;
        }
        function addAnchor(anchor) {
            if (typeof anchor == "string") {
                if (!ANCHOR.test(anchor))
                    throw new Error(`invalid anchor "${anchor}"`);
                addRef.call(this, `#${anchor}`);
            }
        }
    });
    return localRefs;
    function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== undefined && !equal(sch1, sch2))
            throw ambiguos(ref);
    }
    function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
    }
}
exports.getSchemaRefs = getSchemaRefs;
//# sourceMappingURL=resolve.js.map

/***/ }),

/***/ 7353:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getRules = exports.isJSONType = void 0;
const _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
const jsonTypes = new Set(_jsonTypes);
function isJSONType(x) {
    return typeof x == "string" && jsonTypes.has(x);
}
exports.isJSONType = isJSONType;
function getRules() {
    const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] },
    };
    return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {},
    };
}
exports.getRules = getRules;
//# sourceMappingURL=rules.js.map

/***/ }),

/***/ 4464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
const codegen_1 = __nccwpck_require__(1436);
const code_1 = __nccwpck_require__(567);
// TODO refactor to use Set
function toHash(arr) {
    const hash = {};
    for (const item of arr)
        hash[item] = true;
    return hash;
}
exports.toHash = toHash;
function alwaysValidSchema(it, schema) {
    if (typeof schema == "boolean")
        return schema;
    if (Object.keys(schema).length === 0)
        return true;
    checkUnknownRules(it, schema);
    return !schemaHasRules(schema, it.self.RULES.all);
}
exports.alwaysValidSchema = alwaysValidSchema;
function checkUnknownRules(it, schema = it.schema) {
    const { opts, self } = it;
    if (!opts.strictSchema)
        return;
    if (typeof schema === "boolean")
        return;
    const rules = self.RULES.keywords;
    for (const key in schema) {
        if (!rules[key])
            checkStrictMode(it, `unknown keyword: "${key}"`);
    }
}
exports.checkUnknownRules = checkUnknownRules;
function schemaHasRules(schema, rules) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (rules[key])
            return true;
    return false;
}
exports.schemaHasRules = schemaHasRules;
function schemaHasRulesButRef(schema, RULES) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (key !== "$ref" && RULES.all[key])
            return true;
    return false;
}
exports.schemaHasRulesButRef = schemaHasRulesButRef;
function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
    if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
            return schema;
        if (typeof schema == "string")
            return (0, codegen_1._) `${schema}`;
    }
    return (0, codegen_1._) `${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
}
exports.schemaRefOrVal = schemaRefOrVal;
function unescapeFragment(str) {
    return unescapeJsonPointer(decodeURIComponent(str));
}
exports.unescapeFragment = unescapeFragment;
function escapeFragment(str) {
    return encodeURIComponent(escapeJsonPointer(str));
}
exports.escapeFragment = escapeFragment;
function escapeJsonPointer(str) {
    if (typeof str == "number")
        return `${str}`;
    return str.replace(/~/g, "~0").replace(/\//g, "~1");
}
exports.escapeJsonPointer = escapeJsonPointer;
function unescapeJsonPointer(str) {
    return str.replace(/~1/g, "/").replace(/~0/g, "~");
}
exports.unescapeJsonPointer = unescapeJsonPointer;
function eachItem(xs, f) {
    if (Array.isArray(xs)) {
        for (const x of xs)
            f(x);
    }
    else {
        f(xs);
    }
}
exports.eachItem = eachItem;
function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName, }) {
    return (gen, from, to, toName) => {
        const res = to === undefined
            ? from
            : to instanceof codegen_1.Name
                ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to)
                : from instanceof codegen_1.Name
                    ? (mergeToName(gen, to, from), from)
                    : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
    };
}
exports.mergeEvaluated = {
    props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => {
            gen.if((0, codegen_1._) `${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._) `${to} || {}`).code((0, codegen_1._) `Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => {
            if (from === true) {
                gen.assign(to, true);
            }
            else {
                gen.assign(to, (0, codegen_1._) `${to} || {}`);
                setEvaluated(gen, to, from);
            }
        }),
        mergeValues: (from, to) => (from === true ? true : { ...from, ...to }),
        resultToName: evaluatedPropsToName,
    }),
    items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._) `${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._) `${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => (from === true ? true : Math.max(from, to)),
        resultToName: (gen, items) => gen.var("items", items),
    }),
};
function evaluatedPropsToName(gen, ps) {
    if (ps === true)
        return gen.var("props", true);
    const props = gen.var("props", (0, codegen_1._) `{}`);
    if (ps !== undefined)
        setEvaluated(gen, props, ps);
    return props;
}
exports.evaluatedPropsToName = evaluatedPropsToName;
function setEvaluated(gen, props, ps) {
    Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._) `${props}${(0, codegen_1.getProperty)(p)}`, true));
}
exports.setEvaluated = setEvaluated;
const snippets = {};
function useFunc(gen, f) {
    return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code)),
    });
}
exports.useFunc = useFunc;
var Type;
(function (Type) {
    Type[Type["Num"] = 0] = "Num";
    Type[Type["Str"] = 1] = "Str";
})(Type || (exports.Type = Type = {}));
function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
    // let path
    if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type.Num;
        return jsPropertySyntax
            ? isNumber
                ? (0, codegen_1._) `"[" + ${dataProp} + "]"`
                : (0, codegen_1._) `"['" + ${dataProp} + "']"`
            : isNumber
                ? (0, codegen_1._) `"/" + ${dataProp}`
                : (0, codegen_1._) `"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`; // TODO maybe use global escapePointer
    }
    return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
}
exports.getErrorPath = getErrorPath;
function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
    if (!mode)
        return;
    msg = `strict mode: ${msg}`;
    if (mode === true)
        throw new Error(msg);
    it.self.logger.warn(msg);
}
exports.checkStrictMode = checkStrictMode;
//# sourceMappingURL=util.js.map

/***/ }),

/***/ 7692:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
function schemaHasRulesForType({ schema, self }, type) {
    const group = self.RULES.types[type];
    return group && group !== true && shouldUseGroup(schema, group);
}
exports.schemaHasRulesForType = schemaHasRulesForType;
function shouldUseGroup(schema, group) {
    return group.rules.some((rule) => shouldUseRule(schema, rule));
}
exports.shouldUseGroup = shouldUseGroup;
function shouldUseRule(schema, rule) {
    var _a;
    return (schema[rule.keyword] !== undefined ||
        ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== undefined)));
}
exports.shouldUseRule = shouldUseRule;
//# sourceMappingURL=applicability.js.map

/***/ }),

/***/ 5346:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
const errors_1 = __nccwpck_require__(1283);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const boolError = {
    message: "boolean schema is false",
};
function topBoolOrEmptySchema(it) {
    const { gen, schema, validateName } = it;
    if (schema === false) {
        falseSchemaError(it, false);
    }
    else if (typeof schema == "object" && schema.$async === true) {
        gen.return(names_1.default.data);
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, null);
        gen.return(true);
    }
}
exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
function boolOrEmptySchema(it, valid) {
    const { gen, schema } = it;
    if (schema === false) {
        gen.var(valid, false); // TODO var
        falseSchemaError(it);
    }
    else {
        gen.var(valid, true); // TODO var
    }
}
exports.boolOrEmptySchema = boolOrEmptySchema;
function falseSchemaError(it, overrideAllErrors) {
    const { gen, data } = it;
    // TODO maybe some other interface should be used for non-keyword validation errors...
    const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it,
    };
    (0, errors_1.reportError)(cxt, boolError, undefined, overrideAllErrors);
}
//# sourceMappingURL=boolSchema.js.map

/***/ }),

/***/ 6685:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
const rules_1 = __nccwpck_require__(7353);
const applicability_1 = __nccwpck_require__(7692);
const errors_1 = __nccwpck_require__(1283);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
var DataType;
(function (DataType) {
    DataType[DataType["Correct"] = 0] = "Correct";
    DataType[DataType["Wrong"] = 1] = "Wrong";
})(DataType || (exports.DataType = DataType = {}));
function getSchemaTypes(schema) {
    const types = getJSONTypes(schema.type);
    const hasNull = types.includes("null");
    if (hasNull) {
        if (schema.nullable === false)
            throw new Error("type: null contradicts nullable: false");
    }
    else {
        if (!types.length && schema.nullable !== undefined) {
            throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema.nullable === true)
            types.push("null");
    }
    return types;
}
exports.getSchemaTypes = getSchemaTypes;
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
function getJSONTypes(ts) {
    const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
    if (types.every(rules_1.isJSONType))
        return types;
    throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
}
exports.getJSONTypes = getJSONTypes;
function coerceAndCheckDataType(it, types) {
    const { gen, data, opts } = it;
    const coerceTo = coerceToTypes(types, opts.coerceTypes);
    const checkTypes = types.length > 0 &&
        !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
    if (checkTypes) {
        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
            if (coerceTo.length)
                coerceData(it, types, coerceTo);
            else
                reportTypeError(it);
        });
    }
    return checkTypes;
}
exports.coerceAndCheckDataType = coerceAndCheckDataType;
const COERCIBLE = new Set(["string", "number", "integer", "boolean", "null"]);
function coerceToTypes(types, coerceTypes) {
    return coerceTypes
        ? types.filter((t) => COERCIBLE.has(t) || (coerceTypes === "array" && t === "array"))
        : [];
}
function coerceData(it, types, coerceTo) {
    const { gen, data, opts } = it;
    const dataType = gen.let("dataType", (0, codegen_1._) `typeof ${data}`);
    const coerced = gen.let("coerced", (0, codegen_1._) `undefined`);
    if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._) `${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen
            .assign(data, (0, codegen_1._) `${data}[0]`)
            .assign(dataType, (0, codegen_1._) `typeof ${data}`)
            .if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
    }
    gen.if((0, codegen_1._) `${coerced} !== undefined`);
    for (const t of coerceTo) {
        if (COERCIBLE.has(t) || (t === "array" && opts.coerceTypes === "array")) {
            coerceSpecificType(t);
        }
    }
    gen.else();
    reportTypeError(it);
    gen.endIf();
    gen.if((0, codegen_1._) `${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it, coerced);
    });
    function coerceSpecificType(t) {
        switch (t) {
            case "string":
                gen
                    .elseIf((0, codegen_1._) `${dataType} == "number" || ${dataType} == "boolean"`)
                    .assign(coerced, (0, codegen_1._) `"" + ${data}`)
                    .elseIf((0, codegen_1._) `${data} === null`)
                    .assign(coerced, (0, codegen_1._) `""`);
                return;
            case "number":
                gen
                    .elseIf((0, codegen_1._) `${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`)
                    .assign(coerced, (0, codegen_1._) `+${data}`);
                return;
            case "integer":
                gen
                    .elseIf((0, codegen_1._) `${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`)
                    .assign(coerced, (0, codegen_1._) `+${data}`);
                return;
            case "boolean":
                gen
                    .elseIf((0, codegen_1._) `${data} === "false" || ${data} === 0 || ${data} === null`)
                    .assign(coerced, false)
                    .elseIf((0, codegen_1._) `${data} === "true" || ${data} === 1`)
                    .assign(coerced, true);
                return;
            case "null":
                gen.elseIf((0, codegen_1._) `${data} === "" || ${data} === 0 || ${data} === false`);
                gen.assign(coerced, null);
                return;
            case "array":
                gen
                    .elseIf((0, codegen_1._) `${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`)
                    .assign(coerced, (0, codegen_1._) `[${data}]`);
        }
    }
}
function assignParentData({ gen, parentData, parentDataProperty }, expr) {
    // TODO use gen.property
    gen.if((0, codegen_1._) `${parentData} !== undefined`, () => gen.assign((0, codegen_1._) `${parentData}[${parentDataProperty}]`, expr));
}
function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
    const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
    let cond;
    switch (dataType) {
        case "null":
            return (0, codegen_1._) `${data} ${EQ} null`;
        case "array":
            cond = (0, codegen_1._) `Array.isArray(${data})`;
            break;
        case "object":
            cond = (0, codegen_1._) `${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
            break;
        case "integer":
            cond = numCond((0, codegen_1._) `!(${data} % 1) && !isNaN(${data})`);
            break;
        case "number":
            cond = numCond();
            break;
        default:
            return (0, codegen_1._) `typeof ${data} ${EQ} ${dataType}`;
    }
    return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
    function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._) `typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._) `isFinite(${data})` : codegen_1.nil);
    }
}
exports.checkDataType = checkDataType;
function checkDataTypes(dataTypes, data, strictNums, correct) {
    if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
    }
    let cond;
    const types = (0, util_1.toHash)(dataTypes);
    if (types.array && types.object) {
        const notObj = (0, codegen_1._) `typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._) `!${data} || ${notObj}`;
        delete types.null;
        delete types.array;
        delete types.object;
    }
    else {
        cond = codegen_1.nil;
    }
    if (types.number)
        delete types.integer;
    for (const t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
    return cond;
}
exports.checkDataTypes = checkDataTypes;
const typeError = {
    message: ({ schema }) => `must be ${schema}`,
    params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._) `{type: ${schema}}` : (0, codegen_1._) `{type: ${schemaValue}}`,
};
function reportTypeError(it) {
    const cxt = getTypeErrorContext(it);
    (0, errors_1.reportError)(cxt, typeError);
}
exports.reportTypeError = reportTypeError;
function getTypeErrorContext(it) {
    const { gen, data, schema } = it;
    const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
    return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it,
    };
}
//# sourceMappingURL=dataType.js.map

/***/ }),

/***/ 1699:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.assignDefaults = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
function assignDefaults(it, ty) {
    const { properties, items } = it.schema;
    if (ty === "object" && properties) {
        for (const key in properties) {
            assignDefault(it, key, properties[key].default);
        }
    }
    else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it, i, sch.default));
    }
}
exports.assignDefaults = assignDefaults;
function assignDefault(it, prop, defaultValue) {
    const { gen, compositeRule, data, opts } = it;
    if (defaultValue === undefined)
        return;
    const childData = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(prop)}`;
    if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
    }
    let condition = (0, codegen_1._) `${childData} === undefined`;
    if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._) `${condition} || ${childData} === null || ${childData} === ""`;
    }
    // `${childData} === undefined` +
    // (opts.useDefaults === "empty" ? ` || ${childData} === null || ${childData} === ""` : "")
    gen.if(condition, (0, codegen_1._) `${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
}
//# sourceMappingURL=defaults.js.map

/***/ }),

/***/ 7881:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
const boolSchema_1 = __nccwpck_require__(5346);
const dataType_1 = __nccwpck_require__(6685);
const applicability_1 = __nccwpck_require__(7692);
const dataType_2 = __nccwpck_require__(6685);
const defaults_1 = __nccwpck_require__(1699);
const keyword_1 = __nccwpck_require__(5202);
const subschema_1 = __nccwpck_require__(6200);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const resolve_1 = __nccwpck_require__(4090);
const util_1 = __nccwpck_require__(4464);
const errors_1 = __nccwpck_require__(1283);
// schema compilation - generates validation function, subschemaCode (below) is used for subschemas
function validateFunctionCode(it) {
    if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
            topSchemaObjCode(it);
            return;
        }
    }
    validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
}
exports.validateFunctionCode = validateFunctionCode;
function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
    if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
            gen.code((0, codegen_1._) `"use strict"; ${funcSourceUrl(schema, opts)}`);
            destructureValCxtES5(gen, opts);
            gen.code(body);
        });
    }
    else {
        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
    }
}
function destructureValCxt(opts) {
    return (0, codegen_1._) `{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._) `, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
}
function destructureValCxtES5(gen, opts) {
    gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
    }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._) `""`);
        gen.var(names_1.default.parentData, (0, codegen_1._) `undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `{}`);
    });
}
function topSchemaObjCode(it) {
    const { schema, opts, gen } = it;
    validateFunction(it, () => {
        if (opts.$comment && schema.$comment)
            commentKeyword(it);
        checkNoDefault(it);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
            resetEvaluated(it);
        typeAndKeywords(it);
        returnResults(it);
    });
    return;
}
function resetEvaluated(it) {
    // TODO maybe some hook to execute it in the end to check whether props/items are Name, as in assignEvaluated
    const { gen, validateName } = it;
    it.evaluated = gen.const("evaluated", (0, codegen_1._) `${validateName}.evaluated`);
    gen.if((0, codegen_1._) `${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._) `${it.evaluated}.props`, (0, codegen_1._) `undefined`));
    gen.if((0, codegen_1._) `${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._) `${it.evaluated}.items`, (0, codegen_1._) `undefined`));
}
function funcSourceUrl(schema, opts) {
    const schId = typeof schema == "object" && schema[opts.schemaId];
    return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._) `/*# sourceURL=${schId} */` : codegen_1.nil;
}
// schema compilation - this function is used recursively to generate code for sub-schemas
function subschemaCode(it, valid) {
    if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
            subSchemaObjCode(it, valid);
            return;
        }
    }
    (0, boolSchema_1.boolOrEmptySchema)(it, valid);
}
function schemaCxtHasRules({ schema, self }) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (self.RULES.all[key])
            return true;
    return false;
}
function isSchemaObj(it) {
    return typeof it.schema != "boolean";
}
function subSchemaObjCode(it, valid) {
    const { schema, gen, opts } = it;
    if (opts.$comment && schema.$comment)
        commentKeyword(it);
    updateContext(it);
    checkAsyncSchema(it);
    const errsCount = gen.const("_errs", names_1.default.errors);
    typeAndKeywords(it, errsCount);
    // TODO var
    gen.var(valid, (0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
}
function checkKeywords(it) {
    (0, util_1.checkUnknownRules)(it);
    checkRefsAndKeywords(it);
}
function typeAndKeywords(it, errsCount) {
    if (it.opts.jtd)
        return schemaKeywords(it, [], false, errsCount);
    const types = (0, dataType_1.getSchemaTypes)(it.schema);
    const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
    schemaKeywords(it, types, !checkedTypes, errsCount);
}
function checkRefsAndKeywords(it) {
    const { schema, errSchemaPath, opts, self } = it;
    if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
    }
}
function checkNoDefault(it) {
    const { schema, opts } = it;
    if (schema.default !== undefined && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
    }
}
function updateContext(it) {
    const schId = it.schema[it.opts.schemaId];
    if (schId)
        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
}
function checkAsyncSchema(it) {
    if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
}
function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
    const msg = schema.$comment;
    if (opts.$comment === true) {
        gen.code((0, codegen_1._) `${names_1.default.self}.logger.log(${msg})`);
    }
    else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str) `${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._) `${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
    }
}
function returnResults(it) {
    const { gen, schemaEnv, validateName, ValidationError, opts } = it;
    if (schemaEnv.$async) {
        // TODO assign unevaluated
        gen.if((0, codegen_1._) `${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._) `new ${ValidationError}(${names_1.default.vErrors})`));
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
            assignEvaluated(it);
        gen.return((0, codegen_1._) `${names_1.default.errors} === 0`);
    }
}
function assignEvaluated({ gen, evaluated, props, items }) {
    if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._) `${evaluated}.props`, props);
    if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._) `${evaluated}.items`, items);
}
function schemaKeywords(it, types, typeErrors, errsCount) {
    const { gen, schema, data, allErrors, opts, self } = it;
    const { RULES } = self;
    if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition)); // TODO typecast
        return;
    }
    if (!opts.jtd)
        checkStrictTypes(it, types);
    gen.block(() => {
        for (const group of RULES.rules)
            groupKeywords(group);
        groupKeywords(RULES.post);
    });
    function groupKeywords(group) {
        if (!(0, applicability_1.shouldUseGroup)(schema, group))
            return;
        if (group.type) {
            gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
            iterateKeywords(it, group);
            if (types.length === 1 && types[0] === group.type && typeErrors) {
                gen.else();
                (0, dataType_2.reportTypeError)(it);
            }
            gen.endIf();
        }
        else {
            iterateKeywords(it, group);
        }
        // TODO make it "ok" call?
        if (!allErrors)
            gen.if((0, codegen_1._) `${names_1.default.errors} === ${errsCount || 0}`);
    }
}
function iterateKeywords(it, group) {
    const { gen, schema, opts: { useDefaults }, } = it;
    if (useDefaults)
        (0, defaults_1.assignDefaults)(it, group.type);
    gen.block(() => {
        for (const rule of group.rules) {
            if ((0, applicability_1.shouldUseRule)(schema, rule)) {
                keywordCode(it, rule.keyword, rule.definition, group.type);
            }
        }
    });
}
function checkStrictTypes(it, types) {
    if (it.schemaEnv.meta || !it.opts.strictTypes)
        return;
    checkContextTypes(it, types);
    if (!it.opts.allowUnionTypes)
        checkMultipleTypes(it, types);
    checkKeywordTypes(it, it.dataTypes);
}
function checkContextTypes(it, types) {
    if (!types.length)
        return;
    if (!it.dataTypes.length) {
        it.dataTypes = types;
        return;
    }
    types.forEach((t) => {
        if (!includesType(it.dataTypes, t)) {
            strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }
    });
    narrowSchemaTypes(it, types);
}
function checkMultipleTypes(it, ts) {
    if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
    }
}
function checkKeywordTypes(it, ts) {
    const rules = it.self.RULES.all;
    for (const keyword in rules) {
        const rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
            const { type } = rule.definition;
            if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
                strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
            }
        }
    }
}
function hasApplicableType(schTs, kwdT) {
    return schTs.includes(kwdT) || (kwdT === "number" && schTs.includes("integer"));
}
function includesType(ts, t) {
    return ts.includes(t) || (t === "integer" && ts.includes("number"));
}
function narrowSchemaTypes(it, withTypes) {
    const ts = [];
    for (const t of it.dataTypes) {
        if (includesType(withTypes, t))
            ts.push(t);
        else if (withTypes.includes("integer") && t === "number")
            ts.push("integer");
    }
    it.dataTypes = ts;
}
function strictTypesError(it, msg) {
    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
    msg += ` at "${schemaPath}" (strictTypes)`;
    (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
}
class KeywordCxt {
    constructor(it, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
        this.gen = it.gen;
        this.allErrors = it.allErrors;
        this.keyword = keyword;
        this.data = it.data;
        this.schema = it.schema[keyword];
        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it.schema;
        this.params = {};
        this.it = it;
        this.def = def;
        if (this.$data) {
            this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        }
        else {
            this.schemaCode = this.schemaValue;
            if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
                throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
            }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
            this.errsCount = it.gen.const("_errs", names_1.default.errors);
        }
    }
    result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
    }
    failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
            failAction();
        else
            this.error();
        if (successAction) {
            this.gen.else();
            successAction();
            if (this.allErrors)
                this.gen.endIf();
        }
        else {
            if (this.allErrors)
                this.gen.endIf();
            else
                this.gen.else();
        }
    }
    pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), undefined, failAction);
    }
    fail(condition) {
        if (condition === undefined) {
            this.error();
            if (!this.allErrors)
                this.gen.if(false); // this branch will be removed by gen.optimize
            return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
            this.gen.endIf();
        else
            this.gen.else();
    }
    fail$data(condition) {
        if (!this.$data)
            return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._) `${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
    }
    error(append, errorParams, errorPaths) {
        if (errorParams) {
            this.setParams(errorParams);
            this._error(append, errorPaths);
            this.setParams({});
            return;
        }
        this._error(append, errorPaths);
    }
    _error(append, errorPaths) {
        ;
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
    }
    $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
    }
    reset() {
        if (this.errsCount === undefined)
            throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
    }
    ok(cond) {
        if (!this.allErrors)
            this.gen.if(cond);
    }
    setParams(obj, assign) {
        if (assign)
            Object.assign(this.params, obj);
        else
            this.params = obj;
    }
    block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
            this.check$data(valid, $dataValid);
            codeBlock();
        });
    }
    check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
            return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._) `${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
            gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
            gen.elseIf(this.invalid$data());
            this.$dataError();
            if (valid !== codegen_1.nil)
                gen.assign(valid, false);
        }
        gen.else();
    }
    invalid$data() {
        const { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
            if (schemaType.length) {
                /* istanbul ignore if */
                if (!(schemaCode instanceof codegen_1.Name))
                    throw new Error("ajv implementation error");
                const st = Array.isArray(schemaType) ? schemaType : [schemaType];
                return (0, codegen_1._) `${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
            }
            return codegen_1.nil;
        }
        function invalid$DataSchema() {
            if (def.validateSchema) {
                const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema }); // TODO value.code for standalone
                return (0, codegen_1._) `!${validateSchemaRef}(${schemaCode})`;
            }
            return codegen_1.nil;
        }
    }
    subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: undefined, props: undefined };
        subschemaCode(nextContext, valid);
        return nextContext;
    }
    mergeEvaluated(schemaCxt, toName) {
        const { it, gen } = this;
        if (!it.opts.unevaluated)
            return;
        if (it.props !== true && schemaCxt.props !== undefined) {
            it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
        }
        if (it.items !== true && schemaCxt.items !== undefined) {
            it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
        }
    }
    mergeValidEvaluated(schemaCxt, valid) {
        const { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
            gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
            return true;
        }
    }
}
exports.KeywordCxt = KeywordCxt;
function keywordCode(it, keyword, def, ruleType) {
    const cxt = new KeywordCxt(it, def, keyword);
    if ("code" in def) {
        def.code(cxt, ruleType);
    }
    else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
    }
    else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
    }
    else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
    }
}
const JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
const RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
function getData($data, { dataLevel, dataNames, dataPathArr }) {
    let jsonPointer;
    let data;
    if ($data === "")
        return names_1.default.rootData;
    if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
            throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
    }
    else {
        const matches = RELATIVE_JSON_POINTER.exec($data);
        if (!matches)
            throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches[1];
        jsonPointer = matches[2];
        if (jsonPointer === "#") {
            if (up >= dataLevel)
                throw new Error(errorMsg("property/index", up));
            return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
            throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
            return data;
    }
    let expr = data;
    const segments = jsonPointer.split("/");
    for (const segment of segments) {
        if (segment) {
            data = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
            expr = (0, codegen_1._) `${expr} && ${data}`;
        }
    }
    return expr;
    function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
    }
}
exports.getData = getData;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5202:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const code_1 = __nccwpck_require__(8484);
const errors_1 = __nccwpck_require__(1283);
function macroKeywordCode(cxt, def) {
    const { gen, keyword, schema, parentSchema, it } = cxt;
    const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
    const schemaRef = useKeyword(gen, keyword, macroSchema);
    if (it.opts.validateSchema !== false)
        it.self.validateSchema(macroSchema, true);
    const valid = gen.name("valid");
    cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true,
    }, valid);
    cxt.pass(valid, () => cxt.error(true));
}
exports.macroKeywordCode = macroKeywordCode;
function funcKeywordCode(cxt, def) {
    var _a;
    const { gen, keyword, schema, parentSchema, $data, it } = cxt;
    checkAsyncKeyword(it, def);
    const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
    const validateRef = useKeyword(gen, keyword, validate);
    const valid = gen.let("valid");
    cxt.block$data(valid, validateKeyword);
    cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
    function validateKeyword() {
        if (def.errors === false) {
            assignValid();
            if (def.modifying)
                modifyData(cxt);
            reportErrs(() => cxt.error());
        }
        else {
            const ruleErrs = def.async ? validateAsync() : validateSync();
            if (def.modifying)
                modifyData(cxt);
            reportErrs(() => addErrs(cxt, ruleErrs));
        }
    }
    function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._) `await `), (e) => gen.assign(valid, false).if((0, codegen_1._) `${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._) `${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
    }
    function validateSync() {
        const validateErrs = (0, codegen_1._) `${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
    }
    function assignValid(_await = def.async ? (0, codegen_1._) `await ` : codegen_1.nil) {
        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !(("compile" in def && !$data) || def.schema === false);
        gen.assign(valid, (0, codegen_1._) `${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
    }
    function reportErrs(errors) {
        var _a;
        gen.if((0, codegen_1.not)((_a = def.valid) !== null && _a !== void 0 ? _a : valid), errors);
    }
}
exports.funcKeywordCode = funcKeywordCode;
function modifyData(cxt) {
    const { gen, data, it } = cxt;
    gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._) `${it.parentData}[${it.parentDataProperty}]`));
}
function addErrs(cxt, errs) {
    const { gen } = cxt;
    gen.if((0, codegen_1._) `Array.isArray(${errs})`, () => {
        gen
            .assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`)
            .assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
    }, () => cxt.error());
}
function checkAsyncKeyword({ schemaEnv }, def) {
    if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
}
function useKeyword(gen, keyword, result) {
    if (result === undefined)
        throw new Error(`keyword "${keyword}" failed to compile`);
    return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
}
function validSchemaType(schema, schemaType, allowUndefined = false) {
    // TODO add tests
    return (!schemaType.length ||
        schemaType.some((st) => st === "array"
            ? Array.isArray(schema)
            : st === "object"
                ? schema && typeof schema == "object" && !Array.isArray(schema)
                : typeof schema == st || (allowUndefined && typeof schema == "undefined")));
}
exports.validSchemaType = validSchemaType;
function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
    /* istanbul ignore if */
    if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
    }
    const deps = def.dependencies;
    if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
    }
    if (def.validateSchema) {
        const valid = def.validateSchema(schema[keyword]);
        if (!valid) {
            const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` +
                self.errorsText(def.validateSchema.errors);
            if (opts.validateSchema === "log")
                self.logger.error(msg);
            else
                throw new Error(msg);
        }
    }
}
exports.validateKeywordUsage = validateKeywordUsage;
//# sourceMappingURL=keyword.js.map

/***/ }),

/***/ 6200:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
    if (keyword !== undefined && schema !== undefined) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
    }
    if (keyword !== undefined) {
        const sch = it.schema[keyword];
        return schemaProp === undefined
            ? {
                schema: sch,
                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
                errSchemaPath: `${it.errSchemaPath}/${keyword}`,
            }
            : {
                schema: sch[schemaProp],
                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
                errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`,
            };
    }
    if (schema !== undefined) {
        if (schemaPath === undefined || errSchemaPath === undefined || topSchemaRef === undefined) {
            throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
            schema,
            schemaPath,
            topSchemaRef,
            errSchemaPath,
        };
    }
    throw new Error('either "keyword" or "schema" must be passed');
}
exports.getSubschema = getSubschema;
function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
    if (data !== undefined && dataProp !== undefined) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
    }
    const { gen } = it;
    if (dataProp !== undefined) {
        const { errorPath, dataPathArr, opts } = it;
        const nextData = gen.let("data", (0, codegen_1._) `${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._) `${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
    }
    if (data !== undefined) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true); // replaceable if used once?
        dataContextProps(nextData);
        if (propertyName !== undefined)
            subschema.propertyName = propertyName;
        // TODO something is possibly wrong here with not changing parentDataProperty and not appending dataPathArr
    }
    if (dataTypes)
        subschema.dataTypes = dataTypes;
    function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it.dataLevel + 1;
        subschema.dataTypes = [];
        it.definedProperties = new Set();
        subschema.parentData = it.data;
        subschema.dataNames = [...it.dataNames, _nextData];
    }
}
exports.extendSubschemaData = extendSubschemaData;
function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
    if (compositeRule !== undefined)
        subschema.compositeRule = compositeRule;
    if (createErrors !== undefined)
        subschema.createErrors = createErrors;
    if (allErrors !== undefined)
        subschema.allErrors = allErrors;
    subschema.jtdDiscriminator = jtdDiscriminator; // not inherited
    subschema.jtdMetadata = jtdMetadata; // not inherited
}
exports.extendSubschemaMode = extendSubschemaMode;
//# sourceMappingURL=subschema.js.map

/***/ }),

/***/ 3893:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
var validate_1 = __nccwpck_require__(7881);
Object.defineProperty(exports, "KeywordCxt", ({ enumerable: true, get: function () { return validate_1.KeywordCxt; } }));
var codegen_1 = __nccwpck_require__(1436);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return codegen_1._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return codegen_1.str; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return codegen_1.stringify; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return codegen_1.nil; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return codegen_1.Name; } }));
Object.defineProperty(exports, "CodeGen", ({ enumerable: true, get: function () { return codegen_1.CodeGen; } }));
const validation_error_1 = __nccwpck_require__(3021);
const ref_error_1 = __nccwpck_require__(3162);
const rules_1 = __nccwpck_require__(7353);
const compile_1 = __nccwpck_require__(2718);
const codegen_2 = __nccwpck_require__(1436);
const resolve_1 = __nccwpck_require__(4090);
const dataType_1 = __nccwpck_require__(6685);
const util_1 = __nccwpck_require__(4464);
const $dataRefSchema = __nccwpck_require__(3837);
const uri_1 = __nccwpck_require__(6285);
const defaultRegExp = (str, flags) => new RegExp(str, flags);
defaultRegExp.code = "new RegExp";
const META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
const EXT_SCOPE_NAMES = new Set([
    "validate",
    "serialize",
    "parse",
    "wrapper",
    "root",
    "schema",
    "keyword",
    "pattern",
    "formats",
    "validate$data",
    "func",
    "obj",
    "Error",
]);
const removedOptions = {
    errorDataPath: "",
    format: "`validateFormats: false` can be used instead.",
    nullable: '"nullable" keyword is supported by default.',
    jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
    extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
    missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
    processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
    sourceCode: "Use option `code: {source: true}`",
    strictDefaults: "It is default now, see option `strict`.",
    strictKeywords: "It is default now, see option `strict`.",
    uniqueItems: '"uniqueItems" keyword is always validated.',
    unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
    cache: "Map is used as cache, schema object as key.",
    serialize: "Map is used as cache, schema object as key.",
    ajvErrors: "It is default now.",
};
const deprecatedOptions = {
    ignoreKeywordsWithRef: "",
    jsPropertySyntax: "",
    unicode: '"minLength"/"maxLength" account for unicode characters by default.',
};
const MAX_EXPRESSION = 200;
// eslint-disable-next-line complexity
function requiredOptions(o) {
    var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
    const s = o.strict;
    const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
    const optimize = _optz === true || _optz === undefined ? 1 : _optz || 0;
    const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
    const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
    return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver: uriResolver,
    };
}
class Ajv {
    constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = Object.create(null);
        this._compilations = new Set();
        this._loading = {};
        this._cache = new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
            addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
            addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
            this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
    }
    _addVocabularies() {
        this.addKeyword("$async");
    }
    _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
            _dataRefSchema = { ...$dataRefSchema };
            _dataRefSchema.id = _dataRefSchema.$id;
            delete _dataRefSchema.$id;
        }
        if (meta && $data)
            this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
    }
    defaultMeta() {
        const { meta, schemaId } = this.opts;
        return (this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : undefined);
    }
    validate(schemaKeyRef, // key, ref or schema object
    // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
    data // to be validated
    ) {
        let v;
        if (typeof schemaKeyRef == "string") {
            v = this.getSchema(schemaKeyRef);
            if (!v)
                throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        }
        else {
            v = this.compile(schemaKeyRef);
        }
        const valid = v(data);
        if (!("$async" in v))
            this.errors = v.errors;
        return valid;
    }
    compile(schema, _meta) {
        const sch = this._addSchema(schema, _meta);
        return (sch.validate || this._compileSchemaEnv(sch));
    }
    compileAsync(schema, meta) {
        if (typeof this.opts.loadSchema != "function") {
            throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta);
        async function runCompileAsync(_schema, _meta) {
            await loadMetaSchema.call(this, _schema.$schema);
            const sch = this._addSchema(_schema, _meta);
            return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
            if ($ref && !this.getSchema($ref)) {
                await runCompileAsync.call(this, { $ref }, true);
            }
        }
        async function _compileAsync(sch) {
            try {
                return this._compileSchemaEnv(sch);
            }
            catch (e) {
                if (!(e instanceof ref_error_1.default))
                    throw e;
                checkLoaded.call(this, e);
                await loadMissingSchema.call(this, e.missingSchema);
                return _compileAsync.call(this, sch);
            }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
            if (this.refs[ref]) {
                throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
            }
        }
        async function loadMissingSchema(ref) {
            const _schema = await _loadSchema.call(this, ref);
            if (!this.refs[ref])
                await loadMetaSchema.call(this, _schema.$schema);
            if (!this.refs[ref])
                this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
            const p = this._loading[ref];
            if (p)
                return p;
            try {
                return await (this._loading[ref] = loadSchema(ref));
            }
            finally {
                delete this._loading[ref];
            }
        }
    }
    // Adds schema to the instance
    addSchema(schema, // If array is passed, `key` will be ignored
    key, // Optional schema key. Can be passed to `validate` method instead of schema object or id/ref. One schema per instance can have empty `id` and `key`.
    _meta, // true if schema is a meta-schema. Used internally, addMetaSchema should be used instead.
    _validateSchema = this.opts.validateSchema // false to skip schema validation. Used internally, option validateSchema should be used instead.
    ) {
        if (Array.isArray(schema)) {
            for (const sch of schema)
                this.addSchema(sch, undefined, _meta, _validateSchema);
            return this;
        }
        let id;
        if (typeof schema === "object") {
            const { schemaId } = this.opts;
            id = schema[schemaId];
            if (id !== undefined && typeof id != "string") {
                throw new Error(`schema ${schemaId} must be string`);
            }
        }
        key = (0, resolve_1.normalizeId)(key || id);
        this._checkUnique(key);
        this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, true);
        return this;
    }
    // Add schema that will be used to validate other schemas
    // options in META_IGNORE_OPTIONS are alway set to false
    addMetaSchema(schema, key, // schema key
    _validateSchema = this.opts.validateSchema // false to skip schema validation, can be used to override validateSchema option for meta-schema
    ) {
        this.addSchema(schema, key, true, _validateSchema);
        return this;
    }
    //  Validate schema against its meta-schema
    validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
            return true;
        let $schema;
        $schema = schema.$schema;
        if ($schema !== undefined && typeof $schema != "string") {
            throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
            this.logger.warn("meta-schema not available");
            this.errors = null;
            return true;
        }
        const valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
            const message = "schema is invalid: " + this.errorsText();
            if (this.opts.validateSchema === "log")
                this.logger.error(message);
            else
                throw new Error(message);
        }
        return valid;
    }
    // Get compiled schema by `key` or `ref`.
    // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
    getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
            keyRef = sch;
        if (sch === undefined) {
            const { schemaId } = this.opts;
            const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
            sch = compile_1.resolveSchema.call(this, root, keyRef);
            if (!sch)
                return;
            this.refs[keyRef] = sch;
        }
        return (sch.validate || this._compileSchemaEnv(sch));
    }
    // Remove cached schema(s).
    // If no parameter is passed all schemas but meta-schemas are removed.
    // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
    // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
    removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
            this._removeAllSchemas(this.schemas, schemaKeyRef);
            this._removeAllSchemas(this.refs, schemaKeyRef);
            return this;
        }
        switch (typeof schemaKeyRef) {
            case "undefined":
                this._removeAllSchemas(this.schemas);
                this._removeAllSchemas(this.refs);
                this._cache.clear();
                return this;
            case "string": {
                const sch = getSchEnv.call(this, schemaKeyRef);
                if (typeof sch == "object")
                    this._cache.delete(sch.schema);
                delete this.schemas[schemaKeyRef];
                delete this.refs[schemaKeyRef];
                return this;
            }
            case "object": {
                const cacheKey = schemaKeyRef;
                this._cache.delete(cacheKey);
                let id = schemaKeyRef[this.opts.schemaId];
                if (id) {
                    id = (0, resolve_1.normalizeId)(id);
                    delete this.schemas[id];
                    delete this.refs[id];
                }
                return this;
            }
            default:
                throw new Error("ajv.removeSchema: invalid parameter");
        }
    }
    // add "vocabulary" - a collection of keywords
    addVocabulary(definitions) {
        for (const def of definitions)
            this.addKeyword(def);
        return this;
    }
    addKeyword(kwdOrDef, def // deprecated
    ) {
        let keyword;
        if (typeof kwdOrDef == "string") {
            keyword = kwdOrDef;
            if (typeof def == "object") {
                this.logger.warn("these parameters are deprecated, see docs for addKeyword");
                def.keyword = keyword;
            }
        }
        else if (typeof kwdOrDef == "object" && def === undefined) {
            def = kwdOrDef;
            keyword = def.keyword;
            if (Array.isArray(keyword) && !keyword.length) {
                throw new Error("addKeywords: keyword must be string or non-empty array");
            }
        }
        else {
            throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
            (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
            return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
            ...def,
            type: (0, dataType_1.getJSONTypes)(def.type),
            schemaType: (0, dataType_1.getJSONTypes)(def.schemaType),
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0
            ? (k) => addRule.call(this, k, definition)
            : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
        return this;
    }
    getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
    }
    // Remove keyword
    removeKeyword(keyword) {
        // TODO return type should be Ajv
        const { RULES } = this;
        delete RULES.keywords[keyword];
        delete RULES.all[keyword];
        for (const group of RULES.rules) {
            const i = group.rules.findIndex((rule) => rule.keyword === keyword);
            if (i >= 0)
                group.rules.splice(i, 1);
        }
        return this;
    }
    // Add format
    addFormat(name, format) {
        if (typeof format == "string")
            format = new RegExp(format);
        this.formats[name] = format;
        return this;
    }
    errorsText(errors = this.errors, // optional array of validation errors
    { separator = ", ", dataVar = "data" } = {} // optional options with properties `separator` and `dataVar`
    ) {
        if (!errors || errors.length === 0)
            return "No errors";
        return errors
            .map((e) => `${dataVar}${e.instancePath} ${e.message}`)
            .reduce((text, msg) => text + separator + msg);
    }
    $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
            const segments = jsonPointer.split("/").slice(1); // first segment is an empty string
            let keywords = metaSchema;
            for (const seg of segments)
                keywords = keywords[seg];
            for (const key in rules) {
                const rule = rules[key];
                if (typeof rule != "object")
                    continue;
                const { $data } = rule.definition;
                const schema = keywords[key];
                if ($data && schema)
                    keywords[key] = schemaOrData(schema);
            }
        }
        return metaSchema;
    }
    _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
            const sch = schemas[keyRef];
            if (!regex || regex.test(keyRef)) {
                if (typeof sch == "string") {
                    delete schemas[keyRef];
                }
                else if (sch && !sch.meta) {
                    this._cache.delete(sch.schema);
                    delete schemas[keyRef];
                }
            }
        }
    }
    _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema == "object") {
            id = schema[schemaId];
        }
        else {
            if (this.opts.jtd)
                throw new Error("schema must be object");
            else if (typeof schema != "boolean")
                throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== undefined)
            return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
            // TODO atm it is allowed to overwrite schemas without id (instead of not adding them)
            if (baseId)
                this._checkUnique(baseId);
            this.refs[baseId] = sch;
        }
        if (validateSchema)
            this.validateSchema(schema, true);
        return sch;
    }
    _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
            throw new Error(`schema with key or id "${id}" already exists`);
        }
    }
    _compileSchemaEnv(sch) {
        if (sch.meta)
            this._compileMetaSchema(sch);
        else
            compile_1.compileSchema.call(this, sch);
        /* istanbul ignore if */
        if (!sch.validate)
            throw new Error("ajv implementation error");
        return sch.validate;
    }
    _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
            compile_1.compileSchema.call(this, sch);
        }
        finally {
            this.opts = currentOpts;
        }
    }
}
Ajv.ValidationError = validation_error_1.default;
Ajv.MissingRefError = ref_error_1.default;
exports["default"] = Ajv;
function checkOptions(checkOpts, options, msg, log = "error") {
    for (const key in checkOpts) {
        const opt = key;
        if (opt in options)
            this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
    }
}
function getSchEnv(keyRef) {
    keyRef = (0, resolve_1.normalizeId)(keyRef); // TODO tests fail without this line
    return this.schemas[keyRef] || this.refs[keyRef];
}
function addInitialSchemas() {
    const optsSchemas = this.opts.schemas;
    if (!optsSchemas)
        return;
    if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
    else
        for (const key in optsSchemas)
            this.addSchema(optsSchemas[key], key);
}
function addInitialFormats() {
    for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
            this.addFormat(name, format);
    }
}
function addInitialKeywords(defs) {
    if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
    }
    this.logger.warn("keywords option as map is deprecated, pass array");
    for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
            def.keyword = keyword;
        this.addKeyword(def);
    }
}
function getMetaSchemaOptions() {
    const metaOpts = { ...this.opts };
    for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
    return metaOpts;
}
const noLogs = { log() { }, warn() { }, error() { } };
function getLogger(logger) {
    if (logger === false)
        return noLogs;
    if (logger === undefined)
        return console;
    if (logger.log && logger.warn && logger.error)
        return logger;
    throw new Error("logger must implement log, warn and error methods");
}
const KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
function checkKeyword(keyword, def) {
    const { RULES } = this;
    (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
            throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
            throw new Error(`Keyword ${kwd} has invalid name`);
    });
    if (!def)
        return;
    if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
    }
}
function addRule(keyword, definition, dataType) {
    var _a;
    const post = definition === null || definition === void 0 ? void 0 : definition.post;
    if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
    const { RULES } = this;
    let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
    if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES.rules.push(ruleGroup);
    }
    RULES.keywords[keyword] = true;
    if (!definition)
        return;
    const rule = {
        keyword,
        definition: {
            ...definition,
            type: (0, dataType_1.getJSONTypes)(definition.type),
            schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType),
        },
    };
    if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
    else
        ruleGroup.rules.push(rule);
    RULES.all[keyword] = rule;
    (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
}
function addBeforeRule(ruleGroup, rule, before) {
    const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
    if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
    }
    else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
    }
}
function keywordMetaschema(def) {
    let { metaSchema } = def;
    if (metaSchema === undefined)
        return;
    if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
    def.validateSchema = this.compile(metaSchema, true);
}
const $dataRef = {
    $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
};
function schemaOrData(schema) {
    return { anyOf: [schema, $dataRef] };
}
//# sourceMappingURL=core.js.map

/***/ }),

/***/ 4951:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// https://github.com/ajv-validator/ajv/issues/889
const equal = __nccwpck_require__(3430);
equal.code = 'require("ajv/dist/runtime/equal").default';
exports["default"] = equal;
//# sourceMappingURL=equal.js.map

/***/ }),

/***/ 6214:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// https://mathiasbynens.be/notes/javascript-encoding
// https://github.com/bestiejs/punycode.js - punycode.ucs2.decode
function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
}
exports["default"] = ucs2length;
ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
//# sourceMappingURL=ucs2length.js.map

/***/ }),

/***/ 6285:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const uri = __nccwpck_require__(4352);
uri.code = 'require("ajv/dist/runtime/uri").default';
exports["default"] = uri;
//# sourceMappingURL=uri.js.map

/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
class ValidationError extends Error {
    constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
    }
}
exports["default"] = ValidationError;
//# sourceMappingURL=validation_error.js.map

/***/ }),

/***/ 3448:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateAdditionalItems = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
};
const def = {
    keyword: "additionalItems",
    type: "array",
    schemaType: ["boolean", "object"],
    before: "uniqueItems",
    error,
    code(cxt) {
        const { parentSchema, it } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
            (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
            return;
        }
        validateAdditionalItems(cxt, items);
    },
};
function validateAdditionalItems(cxt, items) {
    const { gen, schema, data, keyword, it } = cxt;
    it.items = true;
    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
    if (schema === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._) `${len} <= ${items.length}`);
    }
    else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        const valid = gen.var("valid", (0, codegen_1._) `${len} <= ${items.length}`); // TODO var
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
    }
    function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
            cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
            if (!it.allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
    }
}
exports.validateAdditionalItems = validateAdditionalItems;
exports["default"] = def;
//# sourceMappingURL=additionalItems.js.map

/***/ }),

/***/ 2431:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "must NOT have additional properties",
    params: ({ params }) => (0, codegen_1._) `{additionalProperty: ${params.additionalProperty}}`,
};
const def = {
    keyword: "additionalProperties",
    type: ["object"],
    schemaType: ["boolean", "object"],
    allowUndefined: true,
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
        /* istanbul ignore if */
        if (!errsCount)
            throw new Error("ajv implementation error");
        const { allErrors, opts } = it;
        it.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
            return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
            gen.forIn("key", data, (key) => {
                if (!props.length && !patProps.length)
                    additionalPropertyCode(key);
                else
                    gen.if(isAdditional(key), () => additionalPropertyCode(key));
            });
        }
        function isAdditional(key) {
            let definedProp;
            if (props.length > 8) {
                // TODO maybe an option instead of hard-coded 8?
                const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
                definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
            }
            else if (props.length) {
                definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._) `${key} === ${p}`));
            }
            else {
                definedProp = codegen_1.nil;
            }
            if (patProps.length) {
                definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._) `${(0, code_1.usePattern)(cxt, p)}.test(${key})`));
            }
            return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key) {
            gen.code((0, codegen_1._) `delete ${data}[${key}]`);
        }
        function additionalPropertyCode(key) {
            if (opts.removeAdditional === "all" || (opts.removeAdditional && schema === false)) {
                deleteAdditional(key);
                return;
            }
            if (schema === false) {
                cxt.setParams({ additionalProperty: key });
                cxt.error();
                if (!allErrors)
                    gen.break();
                return;
            }
            if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
                const valid = gen.name("valid");
                if (opts.removeAdditional === "failing") {
                    applyAdditionalSchema(key, valid, false);
                    gen.if((0, codegen_1.not)(valid), () => {
                        cxt.reset();
                        deleteAdditional(key);
                    });
                }
                else {
                    applyAdditionalSchema(key, valid);
                    if (!allErrors)
                        gen.if((0, codegen_1.not)(valid), () => gen.break());
                }
            }
        }
        function applyAdditionalSchema(key, valid, errors) {
            const subschema = {
                keyword: "additionalProperties",
                dataProp: key,
                dataPropType: util_1.Type.Str,
            };
            if (errors === false) {
                Object.assign(subschema, {
                    compositeRule: true,
                    createErrors: false,
                    allErrors: false,
                });
            }
            cxt.subschema(subschema, valid);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=additionalProperties.js.map

/***/ }),

/***/ 9205:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "allOf",
    schemaType: "array",
    code(cxt) {
        const { gen, schema, it } = cxt;
        /* istanbul ignore if */
        if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema.forEach((sch, i) => {
            if ((0, util_1.alwaysValidSchema)(it, sch))
                return;
            const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
            cxt.ok(valid);
            cxt.mergeEvaluated(schCxt);
        });
    },
};
exports["default"] = def;
//# sourceMappingURL=allOf.js.map

/***/ }),

/***/ 9380:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const def = {
    keyword: "anyOf",
    schemaType: "array",
    trackErrors: true,
    code: code_1.validateUnion,
    error: { message: "must match a schema in anyOf" },
};
exports["default"] = def;
//# sourceMappingURL=anyOf.js.map

/***/ }),

/***/ 6182:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { min, max } }) => max === undefined
        ? (0, codegen_1.str) `must contain at least ${min} valid item(s)`
        : (0, codegen_1.str) `must contain at least ${min} and no more than ${max} valid item(s)`,
    params: ({ params: { min, max } }) => max === undefined ? (0, codegen_1._) `{minContains: ${min}}` : (0, codegen_1._) `{minContains: ${min}, maxContains: ${max}}`,
};
const def = {
    keyword: "contains",
    type: "array",
    schemaType: ["object", "boolean"],
    before: "uniqueItems",
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it.opts.next) {
            min = minContains === undefined ? 1 : minContains;
            max = maxContains;
        }
        else {
            min = 1;
        }
        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
        cxt.setParams({ min, max });
        if (max === undefined && min === 0) {
            (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
            return;
        }
        if (max !== undefined && min > max) {
            (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
            cxt.fail();
            return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
            let cond = (0, codegen_1._) `${len} >= ${min}`;
            if (max !== undefined)
                cond = (0, codegen_1._) `${cond} && ${len} <= ${max}`;
            cxt.pass(cond);
            return;
        }
        it.items = true;
        const valid = gen.name("valid");
        if (max === undefined && min === 1) {
            validateItems(valid, () => gen.if(valid, () => gen.break()));
        }
        else if (min === 0) {
            gen.let(valid, true);
            if (max !== undefined)
                gen.if((0, codegen_1._) `${data}.length > 0`, validateItemsWithCount);
        }
        else {
            gen.let(valid, false);
            validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
            const schValid = gen.name("_valid");
            const count = gen.let("count", 0);
            validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
            gen.forRange("i", 0, len, (i) => {
                cxt.subschema({
                    keyword: "contains",
                    dataProp: i,
                    dataPropType: util_1.Type.Num,
                    compositeRule: true,
                }, _valid);
                block();
            });
        }
        function checkLimits(count) {
            gen.code((0, codegen_1._) `${count}++`);
            if (max === undefined) {
                gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true).break());
            }
            else {
                gen.if((0, codegen_1._) `${count} > ${max}`, () => gen.assign(valid, false).break());
                if (min === 1)
                    gen.assign(valid, true);
                else
                    gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true));
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=contains.js.map

/***/ }),

/***/ 5826:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
exports.error = {
    message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str) `must have ${property_ies} ${deps} when property ${property} is present`;
    },
    params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._) `{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`, // TODO change to reference
};
const def = {
    keyword: "dependencies",
    type: "object",
    schemaType: "object",
    error: exports.error,
    code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
    },
};
function splitDependencies({ schema }) {
    const propertyDeps = {};
    const schemaDeps = {};
    for (const key in schema) {
        if (key === "__proto__")
            continue;
        const deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
        deps[key] = schema[key];
    }
    return [propertyDeps, schemaDeps];
}
function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
    const { gen, data, it } = cxt;
    if (Object.keys(propertyDeps).length === 0)
        return;
    const missing = gen.let("missing");
    for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
            continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
            property: prop,
            depsCount: deps.length,
            deps: deps.join(", "),
        });
        if (it.allErrors) {
            gen.if(hasProperty, () => {
                for (const depProp of deps) {
                    (0, code_1.checkReportMissingProp)(cxt, depProp);
                }
            });
        }
        else {
            gen.if((0, codegen_1._) `${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
        }
    }
}
exports.validatePropertyDeps = validatePropertyDeps;
function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
    const { gen, data, keyword, it } = cxt;
    const valid = gen.name("valid");
    for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
            continue;
        gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties), () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
        }, () => gen.var(valid, true) // TODO var
        );
        cxt.ok(valid);
    }
}
exports.validateSchemaDeps = validateSchemaDeps;
exports["default"] = def;
//# sourceMappingURL=dependencies.js.map

/***/ }),

/***/ 8584:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params }) => (0, codegen_1.str) `must match "${params.ifClause}" schema`,
    params: ({ params }) => (0, codegen_1._) `{failingKeyword: ${params.ifClause}}`,
};
const def = {
    keyword: "if",
    schemaType: ["object", "boolean"],
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, parentSchema, it } = cxt;
        if (parentSchema.then === undefined && parentSchema.else === undefined) {
            (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it, "then");
        const hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
            return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
            const ifClause = gen.let("ifClause");
            cxt.setParams({ ifClause });
            gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        }
        else if (hasThen) {
            gen.if(schValid, validateClause("then"));
        }
        else {
            gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
            const schCxt = cxt.subschema({
                keyword: "if",
                compositeRule: true,
                createErrors: false,
                allErrors: false,
            }, schValid);
            cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
            return () => {
                const schCxt = cxt.subschema({ keyword }, schValid);
                gen.assign(valid, schValid);
                cxt.mergeValidEvaluated(schCxt, valid);
                if (ifClause)
                    gen.assign(ifClause, (0, codegen_1._) `${keyword}`);
                else
                    cxt.setParams({ ifClause: keyword });
            };
        }
    },
};
function hasSchema(it, keyword) {
    const schema = it.schema[keyword];
    return schema !== undefined && !(0, util_1.alwaysValidSchema)(it, schema);
}
exports["default"] = def;
//# sourceMappingURL=if.js.map

/***/ }),

/***/ 8775:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const additionalItems_1 = __nccwpck_require__(3448);
const prefixItems_1 = __nccwpck_require__(6467);
const items_1 = __nccwpck_require__(5791);
const items2020_1 = __nccwpck_require__(2959);
const contains_1 = __nccwpck_require__(6182);
const dependencies_1 = __nccwpck_require__(5826);
const propertyNames_1 = __nccwpck_require__(1372);
const additionalProperties_1 = __nccwpck_require__(2431);
const properties_1 = __nccwpck_require__(8778);
const patternProperties_1 = __nccwpck_require__(664);
const not_1 = __nccwpck_require__(8350);
const anyOf_1 = __nccwpck_require__(9380);
const oneOf_1 = __nccwpck_require__(2490);
const allOf_1 = __nccwpck_require__(9205);
const if_1 = __nccwpck_require__(8584);
const thenElse_1 = __nccwpck_require__(6829);
function getApplicator(draft2020 = false) {
    const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default,
    ];
    // array
    if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
    else
        applicator.push(additionalItems_1.default, items_1.default);
    applicator.push(contains_1.default);
    return applicator;
}
exports["default"] = getApplicator;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5791:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateTuple = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
const def = {
    keyword: "items",
    type: "array",
    schemaType: ["object", "array", "boolean"],
    before: "uniqueItems",
    code(cxt) {
        const { schema, it } = cxt;
        if (Array.isArray(schema))
            return validateTuple(cxt, "additionalItems", schema);
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        cxt.ok((0, code_1.validateArray)(cxt));
    },
};
function validateTuple(cxt, extraItems, schArr = cxt.schema) {
    const { gen, parentSchema, data, keyword, it } = cxt;
    checkStrictTuple(parentSchema);
    if (it.opts.unevaluated && schArr.length && it.items !== true) {
        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
    }
    const valid = gen.name("valid");
    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
    schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
        gen.if((0, codegen_1._) `${len} > ${i}`, () => cxt.subschema({
            keyword,
            schemaProp: i,
            dataProp: i,
        }, valid));
        cxt.ok(valid);
    });
    function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
            const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
            (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
    }
}
exports.validateTuple = validateTuple;
exports["default"] = def;
//# sourceMappingURL=items.js.map

/***/ }),

/***/ 2959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
const additionalItems_1 = __nccwpck_require__(3448);
const error = {
    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
};
const def = {
    keyword: "items",
    type: "array",
    schemaType: ["object", "boolean"],
    before: "uniqueItems",
    error,
    code(cxt) {
        const { schema, parentSchema, it } = cxt;
        const { prefixItems } = parentSchema;
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        if (prefixItems)
            (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
            cxt.ok((0, code_1.validateArray)(cxt));
    },
};
exports["default"] = def;
//# sourceMappingURL=items2020.js.map

/***/ }),

/***/ 8350:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "not",
    schemaType: ["object", "boolean"],
    trackErrors: true,
    code(cxt) {
        const { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
            cxt.fail();
            return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
            keyword: "not",
            compositeRule: true,
            createErrors: false,
            allErrors: false,
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
    },
    error: { message: "must NOT be valid" },
};
exports["default"] = def;
//# sourceMappingURL=not.js.map

/***/ }),

/***/ 2490:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "must match exactly one schema in oneOf",
    params: ({ params }) => (0, codegen_1._) `{passingSchemas: ${params.passing}}`,
};
const def = {
    keyword: "oneOf",
    schemaType: "array",
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, it } = cxt;
        /* istanbul ignore if */
        if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
            return;
        const schArr = schema;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        // TODO possibly fail straight away (with warning or exception) if there are two empty always valid schemas
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
            schArr.forEach((sch, i) => {
                let schCxt;
                if ((0, util_1.alwaysValidSchema)(it, sch)) {
                    gen.var(schValid, true);
                }
                else {
                    schCxt = cxt.subschema({
                        keyword: "oneOf",
                        schemaProp: i,
                        compositeRule: true,
                    }, schValid);
                }
                if (i > 0) {
                    gen
                        .if((0, codegen_1._) `${schValid} && ${valid}`)
                        .assign(valid, false)
                        .assign(passing, (0, codegen_1._) `[${passing}, ${i}]`)
                        .else();
                }
                gen.if(schValid, () => {
                    gen.assign(valid, true);
                    gen.assign(passing, i);
                    if (schCxt)
                        cxt.mergeEvaluated(schCxt, codegen_1.Name);
                });
            });
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=oneOf.js.map

/***/ }),

/***/ 664:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const util_2 = __nccwpck_require__(4464);
const def = {
    keyword: "patternProperties",
    type: "object",
    schemaType: "object",
    code(cxt) {
        const { gen, schema, data, parentSchema, it } = cxt;
        const { opts } = it;
        const patterns = (0, code_1.allSchemaProperties)(schema);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 ||
            (alwaysValidPatterns.length === patterns.length &&
                (!it.opts.unevaluated || it.props === true))) {
            return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
            it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
        }
        const { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
            for (const pat of patterns) {
                if (checkProperties)
                    checkMatchingProperties(pat);
                if (it.allErrors) {
                    validateProperties(pat);
                }
                else {
                    gen.var(valid, true); // TODO var
                    validateProperties(pat);
                    gen.if(valid);
                }
            }
        }
        function checkMatchingProperties(pat) {
            for (const prop in checkProperties) {
                if (new RegExp(pat).test(prop)) {
                    (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
                }
            }
        }
        function validateProperties(pat) {
            gen.forIn("key", data, (key) => {
                gen.if((0, codegen_1._) `${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
                    const alwaysValid = alwaysValidPatterns.includes(pat);
                    if (!alwaysValid) {
                        cxt.subschema({
                            keyword: "patternProperties",
                            schemaProp: pat,
                            dataProp: key,
                            dataPropType: util_2.Type.Str,
                        }, valid);
                    }
                    if (it.opts.unevaluated && props !== true) {
                        gen.assign((0, codegen_1._) `${props}[${key}]`, true);
                    }
                    else if (!alwaysValid && !it.allErrors) {
                        // can short-circuit if `unevaluatedProperties` is not supported (opts.next === false)
                        // or if all properties were evaluated (props === true)
                        gen.if((0, codegen_1.not)(valid), () => gen.break());
                    }
                });
            });
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=patternProperties.js.map

/***/ }),

/***/ 6467:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const items_1 = __nccwpck_require__(5791);
const def = {
    keyword: "prefixItems",
    type: "array",
    schemaType: ["array"],
    before: "uniqueItems",
    code: (cxt) => (0, items_1.validateTuple)(cxt, "items"),
};
exports["default"] = def;
//# sourceMappingURL=prefixItems.js.map

/***/ }),

/***/ 8778:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const validate_1 = __nccwpck_require__(7881);
const code_1 = __nccwpck_require__(8484);
const util_1 = __nccwpck_require__(4464);
const additionalProperties_1 = __nccwpck_require__(2431);
const def = {
    keyword: "properties",
    type: "object",
    schemaType: "object",
    code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === undefined) {
            additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema);
        for (const prop of allProps) {
            it.definedProperties.add(prop);
        }
        if (it.opts.unevaluated && allProps.length && it.props !== true) {
            it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
            return;
        const valid = gen.name("valid");
        for (const prop of properties) {
            if (hasDefault(prop)) {
                applyPropertySchema(prop);
            }
            else {
                gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
                applyPropertySchema(prop);
                if (!it.allErrors)
                    gen.else().var(valid, true);
                gen.endIf();
            }
            cxt.it.definedProperties.add(prop);
            cxt.ok(valid);
        }
        function hasDefault(prop) {
            return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== undefined;
        }
        function applyPropertySchema(prop) {
            cxt.subschema({
                keyword: "properties",
                schemaProp: prop,
                dataProp: prop,
            }, valid);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=properties.js.map

/***/ }),

/***/ 1372:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "property name must be valid",
    params: ({ params }) => (0, codegen_1._) `{propertyName: ${params.propertyName}}`,
};
const def = {
    keyword: "propertyNames",
    type: "object",
    schemaType: ["object", "boolean"],
    error,
    code(cxt) {
        const { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key) => {
            cxt.setParams({ propertyName: key });
            cxt.subschema({
                keyword: "propertyNames",
                data: key,
                dataTypes: ["string"],
                propertyName: key,
                compositeRule: true,
            }, valid);
            gen.if((0, codegen_1.not)(valid), () => {
                cxt.error(true);
                if (!it.allErrors)
                    gen.break();
            });
        });
        cxt.ok(valid);
    },
};
exports["default"] = def;
//# sourceMappingURL=propertyNames.js.map

/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: ["then", "else"],
    schemaType: ["object", "boolean"],
    code({ keyword, parentSchema, it }) {
        if (parentSchema.if === undefined)
            (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
    },
};
exports["default"] = def;
//# sourceMappingURL=thenElse.js.map

/***/ }),

/***/ 8484:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const names_1 = __nccwpck_require__(630);
const util_2 = __nccwpck_require__(4464);
function checkReportMissingProp(cxt, prop) {
    const { gen, data, it } = cxt;
    gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._) `${prop}` }, true);
        cxt.error();
    });
}
exports.checkReportMissingProp = checkReportMissingProp;
function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
    return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._) `${missing} = ${prop}`)));
}
exports.checkMissingProp = checkMissingProp;
function reportMissingProp(cxt, missing) {
    cxt.setParams({ missingProperty: missing }, true);
    cxt.error();
}
exports.reportMissingProp = reportMissingProp;
function hasPropFunc(gen) {
    return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._) `Object.prototype.hasOwnProperty`,
    });
}
exports.hasPropFunc = hasPropFunc;
function isOwnProperty(gen, data, property) {
    return (0, codegen_1._) `${hasPropFunc(gen)}.call(${data}, ${property})`;
}
exports.isOwnProperty = isOwnProperty;
function propertyInData(gen, data, property, ownProperties) {
    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
    return ownProperties ? (0, codegen_1._) `${cond} && ${isOwnProperty(gen, data, property)}` : cond;
}
exports.propertyInData = propertyInData;
function noPropertyInData(gen, data, property, ownProperties) {
    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} === undefined`;
    return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
}
exports.noPropertyInData = noPropertyInData;
function allSchemaProperties(schemaMap) {
    return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
}
exports.allSchemaProperties = allSchemaProperties;
function schemaProperties(it, schemaMap) {
    return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
}
exports.schemaProperties = schemaProperties;
function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
    const dataAndSchema = passSchema ? (0, codegen_1._) `${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
    const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData],
    ];
    if (it.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
    const args = (0, codegen_1._) `${dataAndSchema}, ${gen.object(...valCxt)}`;
    return context !== codegen_1.nil ? (0, codegen_1._) `${func}.call(${context}, ${args})` : (0, codegen_1._) `${func}(${args})`;
}
exports.callValidateCode = callValidateCode;
const newRegExp = (0, codegen_1._) `new RegExp`;
function usePattern({ gen, it: { opts } }, pattern) {
    const u = opts.unicodeRegExp ? "u" : "";
    const { regExp } = opts.code;
    const rx = regExp(pattern, u);
    return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._) `${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`,
    });
}
exports.usePattern = usePattern;
function validateArray(cxt) {
    const { gen, data, keyword, it } = cxt;
    const valid = gen.name("valid");
    if (it.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
    }
    gen.var(valid, true);
    validateItems(() => gen.break());
    return valid;
    function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
        gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
                keyword,
                dataProp: i,
                dataPropType: util_1.Type.Num,
            }, valid);
            gen.if((0, codegen_1.not)(valid), notValid);
        });
    }
}
exports.validateArray = validateArray;
function validateUnion(cxt) {
    const { gen, schema, keyword, it } = cxt;
    /* istanbul ignore if */
    if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
    const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
    if (alwaysValid && !it.opts.unevaluated)
        return;
    const valid = gen.let("valid", false);
    const schValid = gen.name("_valid");
    gen.block(() => schema.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
            keyword,
            schemaProp: i,
            compositeRule: true,
        }, schValid);
        gen.assign(valid, (0, codegen_1._) `${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        // can short-circuit if `unevaluatedProperties/Items` not supported (opts.unevaluated !== true)
        // or if all properties and items were evaluated (it.props === true && it.items === true)
        if (!merged)
            gen.if((0, codegen_1.not)(valid));
    }));
    cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
}
exports.validateUnion = validateUnion;
//# sourceMappingURL=code.js.map

/***/ }),

/***/ 9872:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const def = {
    keyword: "id",
    code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
    },
};
exports["default"] = def;
//# sourceMappingURL=id.js.map

/***/ }),

/***/ 7397:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const id_1 = __nccwpck_require__(9872);
const ref_1 = __nccwpck_require__(2996);
const core = [
    "$schema",
    "$id",
    "$defs",
    "$vocabulary",
    { keyword: "$comment" },
    "definitions",
    id_1.default,
    ref_1.default,
];
exports["default"] = core;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 2996:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.callRef = exports.getValidate = void 0;
const ref_error_1 = __nccwpck_require__(3162);
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const compile_1 = __nccwpck_require__(2718);
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "$ref",
    schemaType: "string",
    code(cxt) {
        const { gen, schema: $ref, it } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
            return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === undefined)
            throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
            return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
            if (env === root)
                return callRef(cxt, validateName, env, env.$async);
            const rootName = gen.scopeValue("root", { ref: root });
            return callRef(cxt, (0, codegen_1._) `${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
            const v = getValidate(cxt, sch);
            callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
            const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
            const valid = gen.name("valid");
            const schCxt = cxt.subschema({
                schema: sch,
                dataTypes: [],
                schemaPath: codegen_1.nil,
                topSchemaRef: schName,
                errSchemaPath: $ref,
            }, valid);
            cxt.mergeEvaluated(schCxt);
            cxt.ok(valid);
        }
    },
};
function getValidate(cxt, sch) {
    const { gen } = cxt;
    return sch.validate
        ? gen.scopeValue("validate", { ref: sch.validate })
        : (0, codegen_1._) `${gen.scopeValue("wrapper", { ref: sch })}.validate`;
}
exports.getValidate = getValidate;
function callRef(cxt, v, sch, $async) {
    const { gen, it } = cxt;
    const { allErrors, schemaEnv: env, opts } = it;
    const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
    if ($async)
        callAsyncRef();
    else
        callSyncRef();
    function callAsyncRef() {
        if (!env.$async)
            throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
            gen.code((0, codegen_1._) `await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
            addEvaluatedFrom(v); // TODO will not work with async, it has to be returned with the result
            if (!allErrors)
                gen.assign(valid, true);
        }, (e) => {
            gen.if((0, codegen_1._) `!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
            addErrorsFrom(e);
            if (!allErrors)
                gen.assign(valid, false);
        });
        cxt.ok(valid);
    }
    function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
    }
    function addErrorsFrom(source) {
        const errs = (0, codegen_1._) `${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`); // TODO tagged
        gen.assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
    }
    function addEvaluatedFrom(source) {
        var _a;
        if (!it.opts.unevaluated)
            return;
        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        // TODO refactor
        if (it.props !== true) {
            if (schEvaluated && !schEvaluated.dynamicProps) {
                if (schEvaluated.props !== undefined) {
                    it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
                }
            }
            else {
                const props = gen.var("props", (0, codegen_1._) `${source}.evaluated.props`);
                it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
            }
        }
        if (it.items !== true) {
            if (schEvaluated && !schEvaluated.dynamicItems) {
                if (schEvaluated.items !== undefined) {
                    it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
                }
            }
            else {
                const items = gen.var("items", (0, codegen_1._) `${source}.evaluated.items`);
                it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
            }
        }
    }
}
exports.callRef = callRef;
exports["default"] = def;
//# sourceMappingURL=ref.js.map

/***/ }),

/***/ 8886:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const types_1 = __nccwpck_require__(7115);
const compile_1 = __nccwpck_require__(2718);
const ref_error_1 = __nccwpck_require__(3162);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag
        ? `tag "${tagName}" must be string`
        : `value of tag "${tagName}" must be in oneOf`,
    params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._) `{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`,
};
const def = {
    keyword: "discriminator",
    type: "object",
    schemaType: "object",
    error,
    code(cxt) {
        const { gen, data, schema, parentSchema, it } = cxt;
        const { oneOf } = parentSchema;
        if (!it.opts.discriminator) {
            throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema.propertyName;
        if (typeof tagName != "string")
            throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
            throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
            throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._) `typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
            const mapping = getMapping();
            gen.if(false);
            for (const tagValue in mapping) {
                gen.elseIf((0, codegen_1._) `${tag} === ${tagValue}`);
                gen.assign(valid, applyTagSchema(mapping[tagValue]));
            }
            gen.else();
            cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
            gen.endIf();
        }
        function applyTagSchema(schemaProp) {
            const _valid = gen.name("valid");
            const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
            cxt.mergeEvaluated(schCxt, codegen_1.Name);
            return _valid;
        }
        function getMapping() {
            var _a;
            const oneOfMapping = {};
            const topRequired = hasRequired(parentSchema);
            let tagRequired = true;
            for (let i = 0; i < oneOf.length; i++) {
                let sch = oneOf[i];
                if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
                    const ref = sch.$ref;
                    sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
                    if (sch instanceof compile_1.SchemaEnv)
                        sch = sch.schema;
                    if (sch === undefined)
                        throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
                }
                const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
                if (typeof propSch != "object") {
                    throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
                }
                tagRequired = tagRequired && (topRequired || hasRequired(sch));
                addMappings(propSch, i);
            }
            if (!tagRequired)
                throw new Error(`discriminator: "${tagName}" must be required`);
            return oneOfMapping;
            function hasRequired({ required }) {
                return Array.isArray(required) && required.includes(tagName);
            }
            function addMappings(sch, i) {
                if (sch.const) {
                    addMapping(sch.const, i);
                }
                else if (sch.enum) {
                    for (const tagValue of sch.enum) {
                        addMapping(tagValue, i);
                    }
                }
                else {
                    throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
                }
            }
            function addMapping(tagValue, i) {
                if (typeof tagValue != "string" || tagValue in oneOfMapping) {
                    throw new Error(`discriminator: "${tagName}" values must be unique strings`);
                }
                oneOfMapping[tagValue] = i;
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 7115:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DiscrError = void 0;
var DiscrError;
(function (DiscrError) {
    DiscrError["Tag"] = "tag";
    DiscrError["Mapping"] = "mapping";
})(DiscrError || (exports.DiscrError = DiscrError = {}));
//# sourceMappingURL=types.js.map

/***/ }),

/***/ 9941:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const core_1 = __nccwpck_require__(7397);
const validation_1 = __nccwpck_require__(5481);
const applicator_1 = __nccwpck_require__(8775);
const format_1 = __nccwpck_require__(2601);
const metadata_1 = __nccwpck_require__(6620);
const draft7Vocabularies = [
    core_1.default,
    validation_1.default,
    (0, applicator_1.default)(),
    format_1.default,
    metadata_1.metadataVocabulary,
    metadata_1.contentVocabulary,
];
exports["default"] = draft7Vocabularies;
//# sourceMappingURL=draft7.js.map

/***/ }),

/***/ 6402:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must match format "${schemaCode}"`,
    params: ({ schemaCode }) => (0, codegen_1._) `{format: ${schemaCode}}`,
};
const def = {
    keyword: "format",
    type: ["number", "string"],
    schemaType: "string",
    $data: true,
    error,
    code(cxt, ruleType) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
            return;
        if ($data)
            validate$DataFormat();
        else
            validateFormat();
        function validate$DataFormat() {
            const fmts = gen.scopeValue("formats", {
                ref: self.formats,
                code: opts.code.formats,
            });
            const fDef = gen.const("fDef", (0, codegen_1._) `${fmts}[${schemaCode}]`);
            const fType = gen.let("fType");
            const format = gen.let("format");
            // TODO simplify
            gen.if((0, codegen_1._) `typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._) `${fDef}.type || "string"`).assign(format, (0, codegen_1._) `${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._) `"string"`).assign(format, fDef));
            cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
            function unknownFmt() {
                if (opts.strictSchema === false)
                    return codegen_1.nil;
                return (0, codegen_1._) `${schemaCode} && !${format}`;
            }
            function invalidFmt() {
                const callFormat = schemaEnv.$async
                    ? (0, codegen_1._) `(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))`
                    : (0, codegen_1._) `${format}(${data})`;
                const validData = (0, codegen_1._) `(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
                return (0, codegen_1._) `${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
            }
        }
        function validateFormat() {
            const formatDef = self.formats[schema];
            if (!formatDef) {
                unknownFormat();
                return;
            }
            if (formatDef === true)
                return;
            const [fmtType, format, fmtRef] = getFormat(formatDef);
            if (fmtType === ruleType)
                cxt.pass(validCondition());
            function unknownFormat() {
                if (opts.strictSchema === false) {
                    self.logger.warn(unknownMsg());
                    return;
                }
                throw new Error(unknownMsg());
                function unknownMsg() {
                    return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
                }
            }
            function getFormat(fmtDef) {
                const code = fmtDef instanceof RegExp
                    ? (0, codegen_1.regexpCode)(fmtDef)
                    : opts.code.formats
                        ? (0, codegen_1._) `${opts.code.formats}${(0, codegen_1.getProperty)(schema)}`
                        : undefined;
                const fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
                if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
                    return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._) `${fmt}.validate`];
                }
                return ["string", fmtDef, fmt];
            }
            function validCondition() {
                if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
                    if (!schemaEnv.$async)
                        throw new Error("async format in sync schema");
                    return (0, codegen_1._) `await ${fmtRef}(${data})`;
                }
                return typeof format == "function" ? (0, codegen_1._) `${fmtRef}(${data})` : (0, codegen_1._) `${fmtRef}.test(${data})`;
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=format.js.map

/***/ }),

/***/ 2601:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const format_1 = __nccwpck_require__(6402);
const format = [format_1.default];
exports["default"] = format;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6620:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.contentVocabulary = exports.metadataVocabulary = void 0;
exports.metadataVocabulary = [
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
];
exports.contentVocabulary = [
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
];
//# sourceMappingURL=metadata.js.map

/***/ }),

/***/ 8026:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: "must be equal to constant",
    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValue: ${schemaCode}}`,
};
const def = {
    keyword: "const",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schemaCode, schema } = cxt;
        if ($data || (schema && typeof schema == "object")) {
            cxt.fail$data((0, codegen_1._) `!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        }
        else {
            cxt.fail((0, codegen_1._) `${schema} !== ${data}`);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=const.js.map

/***/ }),

/***/ 3200:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: "must be equal to one of the allowed values",
    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValues: ${schemaCode}}`,
};
const def = {
    keyword: "enum",
    schemaType: "array",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
            throw new Error("enum must have non-empty array");
        const useLoop = schema.length >= it.opts.loopEnum;
        let eql;
        const getEql = () => (eql !== null && eql !== void 0 ? eql : (eql = (0, util_1.useFunc)(gen, equal_1.default)));
        let valid;
        if (useLoop || $data) {
            valid = gen.let("valid");
            cxt.block$data(valid, loopEnum);
        }
        else {
            /* istanbul ignore if */
            if (!Array.isArray(schema))
                throw new Error("ajv implementation error");
            const vSchema = gen.const("vSchema", schemaCode);
            valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
            gen.assign(valid, false);
            gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._) `${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
            const sch = schema[i];
            return typeof sch === "object" && sch !== null
                ? (0, codegen_1._) `${getEql()}(${data}, ${vSchema}[${i}])`
                : (0, codegen_1._) `${data} === ${sch}`;
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=enum.js.map

/***/ }),

/***/ 5481:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const limitNumber_1 = __nccwpck_require__(3723);
const multipleOf_1 = __nccwpck_require__(8132);
const limitLength_1 = __nccwpck_require__(6962);
const pattern_1 = __nccwpck_require__(6023);
const limitProperties_1 = __nccwpck_require__(895);
const required_1 = __nccwpck_require__(4504);
const limitItems_1 = __nccwpck_require__(6296);
const uniqueItems_1 = __nccwpck_require__(5132);
const const_1 = __nccwpck_require__(8026);
const enum_1 = __nccwpck_require__(3200);
const validation = [
    // number
    limitNumber_1.default,
    multipleOf_1.default,
    // string
    limitLength_1.default,
    pattern_1.default,
    // object
    limitProperties_1.default,
    required_1.default,
    // array
    limitItems_1.default,
    uniqueItems_1.default,
    // any
    { keyword: "type", schemaType: ["string", "array"] },
    { keyword: "nullable", schemaType: "boolean" },
    const_1.default,
    enum_1.default,
];
exports["default"] = validation;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6296:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} items`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxItems", "minItems"],
    type: "array",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._) `${data}.length ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitItems.js.map

/***/ }),

/***/ 6962:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const ucs2length_1 = __nccwpck_require__(6214);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} characters`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxLength", "minLength"],
    type: "string",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode, it } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it.opts.unicode === false ? (0, codegen_1._) `${data}.length` : (0, codegen_1._) `${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._) `${len} ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitLength.js.map

/***/ }),

/***/ 3723:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const ops = codegen_1.operators;
const KWDs = {
    maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
    minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
    exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
    exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE },
};
const error = {
    message: ({ keyword, schemaCode }) => (0, codegen_1.str) `must be ${KWDs[keyword].okStr} ${schemaCode}`,
    params: ({ keyword, schemaCode }) => (0, codegen_1._) `{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`,
};
const def = {
    keyword: Object.keys(KWDs),
    type: "number",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._) `${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitNumber.js.map

/***/ }),

/***/ 895:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} properties`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxProperties", "minProperties"],
    type: "object",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._) `Object.keys(${data}).length ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitProperties.js.map

/***/ }),

/***/ 8132:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must be multiple of ${schemaCode}`,
    params: ({ schemaCode }) => (0, codegen_1._) `{multipleOf: ${schemaCode}}`,
};
const def = {
    keyword: "multipleOf",
    type: "number",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, schemaCode, it } = cxt;
        // const bdt = bad$DataType(schemaCode, <string>def.schemaType, $data)
        const prec = it.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid = prec
            ? (0, codegen_1._) `Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}`
            : (0, codegen_1._) `${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._) `(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
    },
};
exports["default"] = def;
//# sourceMappingURL=multipleOf.js.map

/***/ }),

/***/ 6023:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const util_1 = __nccwpck_require__(4464);
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must match pattern "${schemaCode}"`,
    params: ({ schemaCode }) => (0, codegen_1._) `{pattern: ${schemaCode}}`,
};
const def = {
    keyword: "pattern",
    type: "string",
    schemaType: "string",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
            const { regExp } = it.opts.code;
            const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._) `new RegExp` : (0, util_1.useFunc)(gen, regExp);
            const valid = gen.let("valid");
            gen.try(() => gen.assign(valid, (0, codegen_1._) `${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
            cxt.fail$data((0, codegen_1._) `!${valid}`);
        }
        else {
            const regExp = (0, code_1.usePattern)(cxt, schema);
            cxt.fail$data((0, codegen_1._) `!${regExp}.test(${data})`);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=pattern.js.map

/***/ }),

/***/ 4504:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { missingProperty } }) => (0, codegen_1.str) `must have required property '${missingProperty}'`,
    params: ({ params: { missingProperty } }) => (0, codegen_1._) `{missingProperty: ${missingProperty}}`,
};
const def = {
    keyword: "required",
    type: "object",
    schemaType: "array",
    $data: true,
    error,
    code(cxt) {
        const { gen, schema, schemaCode, data, $data, it } = cxt;
        const { opts } = it;
        if (!$data && schema.length === 0)
            return;
        const useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors)
            allErrorsMode();
        else
            exitOnErrorMode();
        if (opts.strictRequired) {
            const props = cxt.parentSchema.properties;
            const { definedProperties } = cxt.it;
            for (const requiredKey of schema) {
                if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === undefined && !definedProperties.has(requiredKey)) {
                    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
                    const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
                    (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
                }
            }
        }
        function allErrorsMode() {
            if (useLoop || $data) {
                cxt.block$data(codegen_1.nil, loopAllRequired);
            }
            else {
                for (const prop of schema) {
                    (0, code_1.checkReportMissingProp)(cxt, prop);
                }
            }
        }
        function exitOnErrorMode() {
            const missing = gen.let("missing");
            if (useLoop || $data) {
                const valid = gen.let("valid", true);
                cxt.block$data(valid, () => loopUntilMissing(missing, valid));
                cxt.ok(valid);
            }
            else {
                gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
                (0, code_1.reportMissingProp)(cxt, missing);
                gen.else();
            }
        }
        function loopAllRequired() {
            gen.forOf("prop", schemaCode, (prop) => {
                cxt.setParams({ missingProperty: prop });
                gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
            });
        }
        function loopUntilMissing(missing, valid) {
            cxt.setParams({ missingProperty: missing });
            gen.forOf(missing, schemaCode, () => {
                gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
                gen.if((0, codegen_1.not)(valid), () => {
                    cxt.error();
                    gen.break();
                });
            }, codegen_1.nil);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=required.js.map

/***/ }),

/***/ 5132:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dataType_1 = __nccwpck_require__(6685);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: ({ params: { i, j } }) => (0, codegen_1.str) `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
    params: ({ params: { i, j } }) => (0, codegen_1._) `{i: ${i}, j: ${j}}`,
};
const def = {
    keyword: "uniqueItems",
    type: "array",
    schemaType: "boolean",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
            return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._) `${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
            const i = gen.let("i", (0, codegen_1._) `${data}.length`);
            const j = gen.let("j");
            cxt.setParams({ i, j });
            gen.assign(valid, true);
            gen.if((0, codegen_1._) `${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
            return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
            const item = gen.name("item");
            const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
            const indices = gen.const("indices", (0, codegen_1._) `{}`);
            gen.for((0, codegen_1._) `;${i}--;`, () => {
                gen.let(item, (0, codegen_1._) `${data}[${i}]`);
                gen.if(wrongType, (0, codegen_1._) `continue`);
                if (itemTypes.length > 1)
                    gen.if((0, codegen_1._) `typeof ${item} == "string"`, (0, codegen_1._) `${item} += "_"`);
                gen
                    .if((0, codegen_1._) `typeof ${indices}[${item}] == "number"`, () => {
                    gen.assign(j, (0, codegen_1._) `${indices}[${item}]`);
                    cxt.error();
                    gen.assign(valid, false).break();
                })
                    .code((0, codegen_1._) `${indices}[${item}] = ${i}`);
            });
        }
        function loopN2(i, j) {
            const eql = (0, util_1.useFunc)(gen, equal_1.default);
            const outer = gen.name("outer");
            gen.label(outer).for((0, codegen_1._) `;${i}--;`, () => gen.for((0, codegen_1._) `${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._) `${eql}(${data}[${i}], ${data}[${j}])`, () => {
                cxt.error();
                gen.assign(valid, false).break(outer);
            })));
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=uniqueItems.js.map

/***/ }),

/***/ 3430:
/***/ ((module) => {



// do not edit .js files directly - edit src/index.jst



module.exports = function equal(a, b) {
  if (a === b) return true;

  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (a.constructor !== b.constructor) return false;

    var length, i, keys;
    if (Array.isArray(a)) {
      length = a.length;
      if (length != b.length) return false;
      for (i = length; i-- !== 0;)
        if (!equal(a[i], b[i])) return false;
      return true;
    }



    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();

    keys = Object.keys(a);
    length = keys.length;
    if (length !== Object.keys(b).length) return false;

    for (i = length; i-- !== 0;)
      if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;

    for (i = length; i-- !== 0;) {
      var key = keys[i];

      if (!equal(a[key], b[key])) return false;
    }

    return true;
  }

  // true if both NaN, false otherwise
  return a!==a && b!==b;
};


/***/ }),

/***/ 1167:
/***/ ((module) => {



var traverse = module.exports = function (schema, opts, cb) {
  // Legacy support for v0.3.1 and earlier.
  if (typeof opts == 'function') {
    cb = opts;
    opts = {};
  }

  cb = opts.cb || cb;
  var pre = (typeof cb == 'function') ? cb : cb.pre || function() {};
  var post = cb.post || function() {};

  _traverse(opts, pre, post, schema, '', schema);
};


traverse.keywords = {
  additionalItems: true,
  items: true,
  contains: true,
  additionalProperties: true,
  propertyNames: true,
  not: true,
  if: true,
  then: true,
  else: true
};

traverse.arrayKeywords = {
  items: true,
  allOf: true,
  anyOf: true,
  oneOf: true
};

traverse.propsKeywords = {
  $defs: true,
  definitions: true,
  properties: true,
  patternProperties: true,
  dependencies: true
};

traverse.skipKeywords = {
  default: true,
  enum: true,
  const: true,
  required: true,
  maximum: true,
  minimum: true,
  exclusiveMaximum: true,
  exclusiveMinimum: true,
  multipleOf: true,
  maxLength: true,
  minLength: true,
  pattern: true,
  format: true,
  maxItems: true,
  minItems: true,
  uniqueItems: true,
  maxProperties: true,
  minProperties: true
};


function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
  if (schema && typeof schema == 'object' && !Array.isArray(schema)) {
    pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
    for (var key in schema) {
      var sch = schema[key];
      if (Array.isArray(sch)) {
        if (key in traverse.arrayKeywords) {
          for (var i=0; i<sch.length; i++)
            _traverse(opts, pre, post, sch[i], jsonPtr + '/' + key + '/' + i, rootSchema, jsonPtr, key, schema, i);
        }
      } else if (key in traverse.propsKeywords) {
        if (sch && typeof sch == 'object') {
          for (var prop in sch)
            _traverse(opts, pre, post, sch[prop], jsonPtr + '/' + key + '/' + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
        }
      } else if (key in traverse.keywords || (opts.allKeys && !(key in traverse.skipKeywords))) {
        _traverse(opts, pre, post, sch, jsonPtr + '/' + key, rootSchema, jsonPtr, key, schema);
      }
    }
    post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
  }
}


function escapeJsonPtr(str) {
  return str.replace(/~/g, '~0').replace(/\//g, '~1');
}


/***/ }),

/***/ 3357:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  m0: () => (/* binding */ cliMain)
});

// UNUSED EXPORTS: cliSettings, dockerEnvTls, sshDefaults

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/setting-values.ts
var setting_values = __nccwpck_require__(4902);
;// CONCATENATED MODULE: ./src/cli-args.ts

/** Printed by --help and after a usage error. */
const USAGE = `Usage: hotdock <validate|plan|deploy|destroy> TEMPLATE [options]

Validate, plan, deploy or destroy an OpenStack Heat (HOT) template of
DockerInc::Docker::Container resources.

Options:
  --stack NAME         stack name (default: <current directory name>-<template name>)
  --param KEY=VALUE    parameter value; repeatable; wins over environment files
  --env-file FILE      Heat environment file (parameters, parameter_defaults); repeatable
  --endpoint URL       endpoint for resources that name none
                       (default: DOCKER_HOST, else unix:///var/run/docker.sock)
  --pull POLICY        missing (default), always or never
  --json               print {diagnostics, result, changed, plan, resources, outputs} as JSON
  -h, --help           show this help

Environment: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem)
as the docker CLI reads them; TLS always verifies the server certificate.
Exit status: 0 success, 1 template errors or a failed run, 2 usage errors.`;
const VALUE_FLAGS = ['--stack', '--param', '--env-file', '--endpoint', '--pull'];
/** Parses argv (without `node` and the script). Never throws: usage problems come back as messages. */
function parseCliArgs(argv) {
    const positional = [];
    const args = { params: {}, envFiles: [], json: false };
    try {
        for (let i = 0; i < argv.length; i++) {
            const arg = argv[i];
            if (arg === '-h' || arg === '--help')
                return { kind: 'help' };
            if (arg === '--json') {
                args.json = true;
                continue;
            }
            if (arg === '--') {
                positional.push(...argv.slice(i + 1));
                break;
            }
            if (!arg.startsWith('-') || arg === '-') {
                positional.push(arg);
                continue;
            }
            const eq = arg.indexOf('=');
            const flag = eq > 0 ? arg.slice(0, eq) : arg;
            if (!VALUE_FLAGS.includes(flag))
                return { kind: 'error', message: `unknown option '${flag}'` };
            let value;
            if (eq > 0)
                value = arg.slice(eq + 1);
            else if (i + 1 < argv.length)
                value = argv[++i];
            else
                return { kind: 'error', message: `option '${flag}' needs a value` };
            switch (flag) {
                case '--stack':
                    args.stack = value;
                    break;
                case '--param': {
                    const at = value.indexOf('=');
                    if (at < 1)
                        return { kind: 'error', message: `--param expects KEY=VALUE, got '${value}'` };
                    args.params[value.slice(0, at)] = value.slice(at + 1);
                    break;
                }
                case '--env-file':
                    args.envFiles.push(value);
                    break;
                case '--endpoint':
                    args.endpoint = value;
                    break;
                case '--pull':
                    args.pull = (0,setting_values/* parsePull */.BT)(value, 'option --pull');
                    break;
            }
        }
        if (positional.length === 0)
            return { kind: 'error', message: 'missing command: validate, plan, deploy or destroy' };
        const command = (0,setting_values/* parseMode */.Zx)(positional[0], 'command');
        if (positional.length < 2)
            return { kind: 'error', message: `missing TEMPLATE: hotdock ${command} TEMPLATE` };
        if (positional.length > 2)
            return { kind: 'error', message: `unexpected argument '${positional[2]}'` };
        return { kind: 'run', args: { command, template: positional[1], ...args } };
    }
    catch (err) {
        return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
    }
}

// EXTERNAL MODULE: ./src/pipeline.ts + 10 modules
var pipeline = __nccwpck_require__(8603);
// EXTERNAL MODULE: ./src/diagnostics.ts
var diagnostics = __nccwpck_require__(4851);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __nccwpck_require__(2011);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __nccwpck_require__(5468);
// EXTERNAL MODULE: ./src/report/mask.ts
var mask = __nccwpck_require__(9488);
;// CONCATENATED MODULE: ./src/report/cli-output.ts
/**
 * What the CLI prints on stdout: compiler-style diagnostics and a plain-text result, or one JSON
 * document with --json. Pure; cli.ts does the writing. Progress goes to stderr elsewhere.
 */




/** The --json document: {diagnostics, result, changed, plan, resources, outputs}. */
function renderCliJson(result, secrets) {
    const values = (0,outputs/* outputValues */.u)(result.report, Boolean(result.error), secrets);
    const doc = {
        diagnostics: (0,diagnostics/* sortDiagnostics */.D)(result.diagnostics),
        result: values.result,
        changed: values.changed === 'true',
        plan: JSON.parse(values.plan),
        resources: JSON.parse(values.resources),
        outputs: JSON.parse(values.outputs),
        ...(result.error ? { error: result.error } : {}),
    };
    return (0,mask/* redact */.E$)(JSON.stringify((0,mask/* redactValue */.FI)(doc, [...secrets]), null, 2), [...secrets]) + '\n';
}
/** Human output: diagnostics first (file:line:col: severity: message), then plan, outputs, verdict. */
function renderCliText(result, mode, stackName, secrets) {
    const lines = (0,diagnostics/* sortDiagnostics */.D)(result.diagnostics).map(format/* formatDiagnostic */.xy);
    const report = result.report ? (0,mask/* redactValue */.FI)(result.report, [...secrets]) : undefined;
    if (report) {
        lines.push((0,format/* renderPlanText */.$D)(report.plan));
        const outputs = Object.entries(report.outputs);
        if (outputs.length) {
            lines.push('Outputs:');
            for (const [k, v] of outputs)
                lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
        }
        for (const w of report.warnings)
            lines.push(`warning: ${w}`);
        if (report.rolledBack.length)
            lines.push(`Rolled back: ${report.rolledBack.join(', ')}`);
    }
    const verdict = result.error ? 'failure' : 'success';
    const changed = report ? (report.changed ? ', changed' : ', nothing changed') : '';
    lines.push(`${mode} of stack ${stackName}: ${verdict}${changed} (${(0,format/* countDiagnostics */.ii)(result.diagnostics)})`);
    return (0,mask/* redact */.E$)(lines.join('\n'), [...secrets]) + '\n';
}

;// CONCATENATED MODULE: ./src/cli.ts
/**
 * The command line: same engine and defaults as the action. Results on stdout, progress and
 * failures on stderr; exit status 0 success, 1 template errors or a failed run, 2 usage errors.
 */








const processIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
};
/**
 * TLS material the way the docker CLI finds it: DOCKER_CERT_PATH (else ~/.docker) holds ca.pem,
 * cert.pem and key.pem, used when DOCKER_TLS_VERIFY is set (or DOCKER_CERT_PATH is). Unlike the
 * docker CLI, hotdock never talks TLS without checking the server certificate.
 */
function dockerEnvTls(env) {
    if (!env.DOCKER_TLS_VERIFY && !env.DOCKER_CERT_PATH)
        return undefined;
    const dir = env.DOCKER_CERT_PATH || (0,external_node_path_.join)((0,external_node_os_namespaceObject.homedir)(), '.docker');
    const read = (name) => {
        const path = (0,external_node_path_.join)(dir, name);
        if (!(0,external_node_fs_.existsSync)(path)) {
            throw new Error(`DOCKER_TLS_VERIFY/DOCKER_CERT_PATH: ${path} not found (expected ca.pem, cert.pem and key.pem in ${dir})`);
        }
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    };
    return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}
/**
 * ssh material where the ssh client keeps it (the docker CLI runs ssh, which reads these):
 * ~/.ssh/known_hosts, and when no agent runs (SSH_AUTH_SOCK), the first default identity file.
 */
function sshDefaults(env) {
    const dir = (0,external_node_path_.join)(env.HOME || (0,external_node_os_namespaceObject.homedir)(), '.ssh');
    const read = (name) => ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, name)) ? (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, name), 'utf8') : undefined);
    const knownHosts = read('known_hosts');
    const key = env.SSH_AUTH_SOCK ? undefined : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map(read).find((k) => k !== undefined);
    return { ...(knownHosts ? { sshKnownHosts: knownHosts } : {}), ...(key ? { sshPrivateKey: key } : {}) };
}
/**
 * Settings for a CLI run. The workspace is the current directory; a template outside it brings
 * its own directory as the workspace (get_file and environment files stay confined to it).
 */
function cliSettings(args, env, cwd) {
    const absTemplate = (0,external_node_path_.resolve)(cwd, args.template);
    const rel = (0,external_node_path_.relative)(cwd, absTemplate);
    const inside = !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel);
    const workspace = inside ? cwd : (0,external_node_path_.dirname)(absTemplate);
    const endpoint = args.endpoint || (env.DOCKER_HOST ?? '').trim();
    const tls = dockerEnvTls(env);
    return {
        template: args.template,
        workspace,
        mode: args.command,
        stackName: args.stack ? (0,setting_values/* checkStackName */.Qk)(args.stack, 'option --stack') : (0,setting_values/* defaultStackName */.Zo)((0,external_node_path_.basename)(cwd), args.template),
        parameters: args.params,
        // Environment files are named relative to where the user stands, not to the workspace.
        environmentFiles: args.envFiles.map((f) => (inside ? f : (0,external_node_path_.resolve)(cwd, f))),
        dockerEndpoint: endpoint ? (0,setting_values/* checkEndpointUrl */.LE)(endpoint, args.endpoint ? 'option --endpoint' : 'DOCKER_HOST') : setting_values/* DEFAULT_DOCKER_ENDPOINT */.TJ,
        dockerEndpointExplicit: endpoint !== '',
        endpoints: {},
        ...(tls ? { tls } : {}),
        ...sshDefaults(env),
        registryAuth: {},
        pull: args.pull ?? setting_values/* DEFAULTS */.zY.pull,
        prune: setting_values/* DEFAULTS */.zY.prune,
        rollback: setting_values/* DEFAULTS */.zY.rollback,
        waitTimeout: setting_values/* DEFAULTS */.zY.waitTimeout,
        maxParallel: setting_values/* DEFAULTS */.zY.maxParallel,
        lockTimeout: setting_values/* DEFAULTS */.zY.lockTimeout,
        runId: `cli-${process.pid}`,
    };
}
/** Progress on stderr, one line per event, so stdout stays parseable. */
function stderrLog(io, secrets, skipPlan) {
    const line = (t) => io.stderr((0,mask/* redact */.E$)(t, secrets()) + '\n');
    return {
        // The engine logs the plan; in text mode stdout prints it as the result, so not twice.
        info: (m) => (skipPlan && /^Plan: \d+ to create/m.test(m) ? undefined : line(m)),
        warning: (m) => line(`warning: ${m}`),
        progress: (resource, m) => line(`${resource}: ${m}`),
    };
}
/** Runs the CLI; resolves to the exit status. Never throws. */
async function cliMain(argv = process.argv.slice(2), env = process.env, io = processIO, stages) {
    const parsed = parseCliArgs(argv);
    if (parsed.kind === 'help') {
        io.stdout(USAGE + '\n');
        return 0;
    }
    if (parsed.kind === 'error') {
        io.stderr(`hotdock: ${parsed.message}\n\n${USAGE}\n`);
        return 2;
    }
    const { args } = parsed;
    let settings;
    try {
        settings = cliSettings(args, env, io.cwd);
    }
    catch (err) {
        io.stderr(`hotdock: ${err instanceof Error ? err.message : String(err)}\n`);
        return 2;
    }
    const secrets = [];
    let result;
    try {
        result = await (0,pipeline/* runPipeline */.aI)(settings, stderrLog(io, () => secrets, !args.json), {
            ...(stages ? { stages } : {}),
            onValidated: (_diagnostics, hidden) => secrets.push(...hidden),
        });
    }
    catch (err) {
        result = { diagnostics: [], secrets, error: err instanceof Error ? err.message : String(err) };
    }
    if (args.json)
        io.stdout(renderCliJson(result, secrets));
    else
        io.stdout(renderCliText(result, settings.mode, settings.stackName, secrets));
    // Template errors are already listed line by line; other failures are said once, on stderr.
    if (result.error && !result.diagnostics.some((d) => d.severity === 'error')) {
        io.stderr(`hotdock: error: ${(0,mask/* redact */.E$)(result.error, secrets)}\n`);
    }
    return result.error ? 1 : 0;
}


/***/ }),

/***/ 1450:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ formatPlan)
/* harmony export */ });
const SYMBOLS = { create: '+', replace: '~', start: '>', unchanged: '=', remove: '-' };
/**
 * `+ create     web  on local  (new)`, `~ replace    api  on local  (env changed, image changed)`,
 * `= unchanged  db   on local`, `- remove     old  on local  (left the template)`, then
 * `Plan: 1 to create, 1 to replace, 0 to start, 1 to remove, 1 unchanged.`
 */
function formatPlan(steps) {
    const resourceWidth = Math.max(0, ...steps.map((s) => s.resource.length));
    const endpointWidth = Math.max(0, ...steps.map((s) => s.endpoint.length));
    const lines = steps.map((s) => {
        const head = `${SYMBOLS[s.action]} ${s.action.padEnd(9)}  ${s.resource.padEnd(resourceWidth)}  on ${s.endpoint.padEnd(endpointWidth)}`;
        return (s.reasons.length > 0 ? `${head}  (${s.reasons.join(', ')})` : head).trimEnd();
    });
    const count = (a) => steps.filter((s) => s.action === a).length;
    lines.push(`Plan: ${count('create')} to create, ${count('replace')} to replace, ${count('start')} to start, ` +
        `${count('remove')} to remove, ${count('unchanged')} unchanged.`);
    return lines.join('\n');
}


/***/ }),

/***/ 4851:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ hasErrors),
/* harmony export */   D: () => (/* binding */ sortDiagnostics)
/* harmony export */ });
/** True when any diagnostic is an error: such a run deploys nothing. */
function hasErrors(diagnostics) {
    return diagnostics.some((d) => d.severity === 'error');
}
/** Stable order for output: by file, line, column, then code. */
function sortDiagnostics(diagnostics) {
    return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}


/***/ }),

/***/ 9271:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G4: () => (/* binding */ toBoolean),
/* harmony export */   av: () => (/* binding */ toMap),
/* harmony export */   er: () => (/* binding */ PropertyError),
/* harmony export */   fE: () => (/* binding */ toText),
/* harmony export */   jh: () => (/* binding */ isMap),
/* harmony export */   st: () => (/* binding */ toList),
/* harmony export */   vA: () => (/* binding */ toTextList),
/* harmony export */   yJ: () => (/* binding */ toInteger)
/* harmony export */ });
/**
 * Heat's property value coercion, as its plugin applied it: booleans accept "true"/"false" in any
 * case, integers accept numeric strings, strings accept numbers and booleans, lists and maps must
 * be lists and maps. Values normally reach here validated; a value that still cannot be coerced
 * (a deploy-time reference that produced the wrong shape) raises PropertyError naming the property.
 */
/** A resolved property value that cannot become what the Engine API needs. */
class PropertyError extends Error {
    /** Property path inside the resource's properties, e.g. `devices/0/path_on_host`. */
    property;
    constructor(property, message) {
        super(`property '${property}': ${message}`);
        this.name = 'PropertyError';
        this.property = property;
    }
}
/** True for a non-null, non-array object. */
function isMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function shown(value) {
    return JSON.stringify(value) ?? String(value);
}
/** Heat boolean: true/false or the strings "true"/"false" in any case. */
function toBoolean(property, value) {
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (v === 'true')
            return true;
        if (v === 'false')
            return false;
    }
    throw new PropertyError(property, `expected true or false, got ${shown(value)}`);
}
/** Heat integer: a whole number or a string of one (`"512"`, `"+3"`). */
function toInteger(property, value) {
    if (typeof value === 'number' && Number.isSafeInteger(value))
        return value;
    if (typeof value === 'string' && /^[-+]?\d+$/.test(value.trim())) {
        const n = Number(value.trim());
        if (Number.isSafeInteger(n))
            return n;
    }
    throw new PropertyError(property, `expected a whole number, got ${shown(value)}`);
}
/** Heat string: strings as is, numbers and booleans as their text. */
function toText(property, value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    throw new PropertyError(property, `expected a string, got ${shown(value)}`);
}
/** Heat list: must already be a list. */
function toList(property, value) {
    if (Array.isArray(value))
        return value;
    throw new PropertyError(property, `expected a list, got ${shown(value)}`);
}
/** A list of Heat strings. */
function toTextList(property, value) {
    return toList(property, value).map((item, i) => toText(`${property}/${i}`, item));
}
/** Heat map: must already be a map. */
function toMap(property, value) {
    if (isMap(value))
        return value;
    throw new PropertyError(property, `expected a mapping, got ${shown(value)}`);
}


/***/ }),

/***/ 5533:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ toCreateBody),
/* harmony export */   e: () => (/* binding */ containerNameFor)
/* harmony export */ });
/* harmony import */ var _coerce_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9271);
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2092);


/** Characters Docker allows in a container name. */
const NAME_CHAR = /[^a-zA-Z0-9_.-]/g;
/**
 * The container name: the `name` property (a leading '/' dropped), else `<stack>-<resource>`
 * with characters Docker refuses in names turned into '-' (resource names may hold any but '/').
 */
function containerNameFor(resource, stackName) {
    const name = resource.properties.name;
    if (name !== undefined && name !== null && name !== '')
        return (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('name', name).replace(/^\//, '');
    return `${stackName}-${resource.name}`.replace(NAME_CHAR, '-');
}
/** `port_specs` plus the container ports of `port_bindings`: both must be exposed. */
function exposedPorts(props, bindings) {
    const keys = new Set();
    if (props.port_specs !== undefined && props.port_specs !== null) {
        (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toList */ .st)('port_specs', props.port_specs).forEach((spec, i) => {
            const parsed = (0,_ports_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePortSpec */ .qy)(spec);
            if (!parsed.ok)
                throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(`port_specs/${i}`, parsed.message);
            keys.add(parsed.key);
        });
    }
    for (const key of Object.keys(bindings ?? {}))
        keys.add(key);
    if (keys.size === 0)
        return undefined;
    const out = {};
    for (const key of [...keys].sort(_ports_js__WEBPACK_IMPORTED_MODULE_1__/* .comparePortKeys */ .VT))
        out[key] = {};
    return out;
}
function portBindings(props) {
    if (props.port_bindings === undefined || props.port_bindings === null)
        return undefined;
    const parsed = (0,_ports_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePortBindings */ .Zi)(props.port_bindings);
    if (!parsed.ok)
        throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(parsed.key === undefined ? 'port_bindings' : `port_bindings/${parsed.key}`, parsed.message);
    return parsed.bindings;
}
/** `{name: alias}` → sorted `["name:alias"]` (Docker's legacy link form). */
function links(value) {
    const map = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)('links', value);
    return Object.keys(map)
        .map((name) => `${name}:${(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`links/${name}`, map[name])}`)
        .sort();
}
/**
 * `{"/h": "/c"}` → `/h:/c:rw`; `{"/h": {bind: "/c", ro: true}}` → `/h:/c:ro`; an explicit `mode`
 * wins over `ro`, as in docker-py, which Heat used. Sorted: map order carries no meaning.
 */
function binds(value) {
    const map = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)('volumes', value);
    return Object.keys(map)
        .map((host) => {
        const target = map[host];
        const where = `volumes/${host}`;
        if (!(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(target))
            return `${host}:${(0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(where, target)}:rw`;
        if (target.bind === undefined)
            throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(where, "a volume mapping needs 'bind' (the path in the container)");
        const bind = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`${where}/bind`, target.bind);
        const mode = target.mode !== undefined && target.mode !== null
            ? (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`${where}/mode`, target.mode)
            : target.ro !== undefined && (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4)(`${where}/ro`, target.ro) ? 'ro' : 'rw';
        return `${host}:${bind}:${mode}`;
    })
        .sort();
}
/** Older Heat took volumes_from as a comma-separated string; keep accepting it. */
function volumesFrom(value) {
    if (typeof value === 'string')
        return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA)('volumes_from', value);
}
function restartPolicy(value) {
    const map = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)('restart_policy', value);
    const name = map.Name === undefined || map.Name === null ? 'no' : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('restart_policy/Name', map.Name);
    const retries = map.MaximumRetryCount === undefined || map.MaximumRetryCount === null
        ? 0 : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ)('restart_policy/MaximumRetryCount', map.MaximumRetryCount);
    return { Name: name, MaximumRetryCount: retries };
}
/** Devices with Heat's defaults: path_in_container = path_on_host, permissions rwm. */
function devices(value) {
    return (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toList */ .st)('devices', value).map((item, i) => {
        const dev = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toMap */ .av)(`devices/${i}`, item);
        if (dev.path_on_host === undefined)
            throw new _coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .PropertyError */ .er(`devices/${i}`, "a device needs 'path_on_host'");
        const onHost = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`devices/${i}/path_on_host`, dev.path_on_host);
        const inContainer = dev.path_in_container === undefined || dev.path_in_container === null
            ? onHost : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`devices/${i}/path_in_container`, dev.path_in_container);
        const perms = dev.permissions === undefined || dev.permissions === null ? 'rwm' : (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)(`devices/${i}/permissions`, dev.permissions);
        return { PathOnHost: onHost, PathInContainer: inContainer, CgroupPermissions: perms };
    });
}
const given = (v) => v !== undefined && v !== null;
/**
 * The Engine API create body (Config fields plus HostConfig) for a resolved resource.
 * Assumes properties are fully resolved (no function nodes); throws PropertyError when a value
 * cannot be coerced. The container name is not part of the body: it goes in the `name` query.
 */
function toCreateBody(resource, ctx) {
    const p = resource.properties;
    const body = {};
    const host = {};
    body.Image = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('image', p.image);
    if (given(p.hostname))
        body.Hostname = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('hostname', p.hostname);
    if (given(p.user))
        body.User = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('user', p.user);
    if (given(p.cmd))
        body.Cmd = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA)('cmd', p.cmd);
    if (given(p.env))
        body.Env = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA)('env', p.env);
    const bindings = portBindings(p);
    const exposed = exposedPorts(p, bindings);
    if (exposed)
        body.ExposedPorts = exposed;
    if (given(p.tty))
        body.Tty = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4)('tty', p.tty);
    if (given(p.open_stdin))
        body.OpenStdin = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4)('open_stdin', p.open_stdin);
    if (given(p.stdin_once))
        body.StdinOnce = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4)('stdin_once', p.stdin_once);
    body.Labels = Object.fromEntries(Object.keys(ctx.labels).sort().map((k) => [k, ctx.labels[k]]));
    if (given(p.volumes))
        host.Binds = binds(p.volumes);
    if (bindings)
        host.PortBindings = bindings;
    if (given(p.links))
        host.Links = links(p.links);
    if (given(p.volumes_from))
        host.VolumesFrom = volumesFrom(p.volumes_from);
    const privileged = given(p.privileged) ? (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4)('privileged', p.privileged) : undefined;
    if (privileged !== undefined)
        host.Privileged = privileged;
    if (given(p.dns))
        host.Dns = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA)('dns', p.dns);
    if (given(p.restart_policy))
        host.RestartPolicy = restartPolicy(p.restart_policy);
    if (given(p.cap_add))
        host.CapAdd = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA)('cap_add', p.cap_add);
    if (given(p.cap_drop))
        host.CapDrop = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toTextList */ .vA)('cap_drop', p.cap_drop);
    if (given(p.read_only))
        host.ReadonlyRootfs = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toBoolean */ .G4)('read_only', p.read_only);
    if (given(p.cpu_shares))
        host.CpuShares = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ)('cpu_shares', p.cpu_shares);
    if (given(p.cpu_set))
        host.CpusetCpus = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toText */ .fE)('cpu_set', p.cpu_set);
    if (given(p.memory))
        host.Memory = (0,_coerce_js__WEBPACK_IMPORTED_MODULE_0__/* .toInteger */ .yJ)('memory', p.memory);
    // A privileged container sees every host device already; Heat dropped the list in that case.
    if (given(p.devices) && privileged !== true)
        host.Devices = devices(p.devices);
    body.HostConfig = host;
    return body;
}


/***/ }),

/***/ 7859:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   TB: () => (/* binding */ EXPECTED_FORMS),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   yN: () => (/* binding */ parseEndpointUrl),
/* harmony export */   zc: () => (/* binding */ formatHostPort)
/* harmony export */ });
/* unused harmony export redactEndpointUrl */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The one parser of endpoint URLs (a template's `docker_endpoint`, the `docker-endpoint` input,
 * `DOCKER_HOST`, `endpoints` entries). Pure: syntax only, no I/O, no credentials.
 */

/** The forms we accept, quoted in every "what did you mean" message. */
const EXPECTED_FORMS = 'unix:///path, tcp://host:port, http(s)://host:port, host:port or ssh://user@host[:port]';
const DEFAULT_SSH_PORT = 22;
const HOSTNAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
/**
 * Hides a password written into the URL (`ssh://user:secret@host`) before the URL is quoted in a
 * message: error text ends up in logs and PR comments.
 */
function redactEndpointUrl(raw) {
    return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}
/**
 * Parses an endpoint URL. Accepts `unix:///path`, `tcp://host:port`, `http://host:port[/]`,
 * `https://host:port[/]`, bare `host:port`, `ssh://user@host[:port]` (port 22 by default); IPv6
 * hosts in brackets (`tcp://[::1]:2376`), returned without them.
 */
function parseEndpointUrl(raw) {
    const shown = redactEndpointUrl(raw);
    const fail = (why) => ({
        ok: false,
        message: why
            ? `Invalid endpoint '${shown}': ${why}`
            : `Invalid endpoint '${shown}'. Expected ${EXPECTED_FORMS}`,
    });
    const text = raw.trim();
    if (text === '')
        return { ok: false, message: `Invalid endpoint: empty. Expected ${EXPECTED_FORMS}` };
    const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(text);
    if (!schemeMatch) {
        // Bare host:port, as Heat's docker_endpoint allowed (treated as plain tcp://).
        return hostPort(text, 'tcp', fail, undefined);
    }
    const scheme = schemeMatch[1].toLowerCase();
    const rest = schemeMatch[2];
    switch (scheme) {
        case 'unix': {
            if (!rest.startsWith('/'))
                return fail('a unix socket needs an absolute path, as in unix:///var/run/docker.sock');
            const socketPath = rest.length > 1 ? rest.replace(/\/+$/, '') : rest;
            if (socketPath === '/' || socketPath === '')
                return fail('a unix socket needs a path, as in unix:///var/run/docker.sock');
            return { ok: true, endpoint: { kind: 'unix', socketPath } };
        }
        case 'tcp':
        case 'http':
        case 'https':
            return hostPort(rest, scheme, fail, undefined);
        case 'ssh': {
            const at = rest.lastIndexOf('@');
            if (at < 0)
                return fail('ssh endpoints need a user, as in ssh://user@host[:port]');
            const userInfo = rest.slice(0, at);
            if (userInfo.includes(':')) {
                return fail('passwords in ssh endpoint URLs are not supported; give the key in ssh-private-key');
            }
            if (userInfo === '')
                return fail('ssh endpoints need a user, as in ssh://user@host[:port]');
            if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(userInfo))
                return fail(`'${userInfo}' is not a valid user name`);
            return hostPort(rest.slice(at + 1), 'ssh', fail, userInfo);
        }
        default:
            return fail(`unsupported scheme '${scheme}://'. Expected ${EXPECTED_FORMS}`);
    }
}
/** Parses `host:port[/]` (or `[v6]:port`) after the scheme. `user` is set for ssh only. */
function hostPort(rest, kind, fail, user) {
    // A trailing '/' is tolerated (Heat users wrote http://host:2375/); any other path is not.
    const authority = rest.replace(/\/+$/, '');
    if (authority.includes('/') || authority.includes('?') || authority.includes('#')) {
        return fail('an endpoint URL has no path; write only host:port');
    }
    if (authority === '')
        return fail();
    let host;
    let portText;
    if (authority.startsWith('[')) {
        const close = authority.indexOf(']');
        if (close < 0)
            return fail('unclosed \'[\' around an IPv6 address');
        host = authority.slice(1, close);
        if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) !== 6)
            return fail(`'${host}' in brackets is not an IPv6 address`);
        const after = authority.slice(close + 1);
        if (after !== '' && !after.startsWith(':'))
            return fail();
        portText = after === '' ? undefined : after.slice(1);
    }
    else {
        const colons = authority.split(':').length - 1;
        if (colons > 1)
            return fail('write IPv6 addresses in brackets, as in tcp://[::1]:2376');
        const colon = authority.indexOf(':');
        host = colon < 0 ? authority : authority.slice(0, colon);
        portText = colon < 0 ? undefined : authority.slice(colon + 1);
        if (host === '')
            return fail('missing host');
        if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) === 0 && !HOSTNAME.test(host))
            return fail(`'${host}' is not a valid host name or address`);
    }
    let port;
    if (portText === undefined || portText === '') {
        if (kind !== 'ssh') {
            const example = kind === 'tcp' ? 'tcp://HOST:2376' : `${kind}://HOST:2375`;
            return fail(`missing port (write it as in ${example})`);
        }
        port = DEFAULT_SSH_PORT;
    }
    else {
        if (!/^\d+$/.test(portText))
            return fail(`port '${portText}' is not a number`);
        port = Number(portText);
        if (port < 1 || port > 65535)
            return fail(`port ${portText} is out of range (1-65535)`);
    }
    if (kind === 'ssh')
        return { ok: true, endpoint: { kind: 'ssh', user: user ?? '', host, port } };
    return { ok: true, endpoint: { kind, host, port } };
}
/**
 * True for hosts that never leave this machine: `localhost` (and `*.localhost`), 127.0.0.0/8,
 * `::1` and IPv4-mapped loopback. Plain TCP to these is not a network exposure.
 */
function isLoopbackHost(host) {
    let h = host.trim().toLowerCase();
    if (h.startsWith('[') && h.endsWith(']'))
        h = h.slice(1, -1);
    if (h.endsWith('.'))
        h = h.slice(0, -1);
    if (h === 'localhost' || h.endsWith('.localhost'))
        return true;
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(h) === 4)
        return h.startsWith('127.');
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(h) === 6) {
        if (h === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(h))
            return true;
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
        return mapped !== null && mapped[1].startsWith('127.');
    }
    return false;
}
/** `host:port`, with brackets around IPv6 hosts: for messages and URLs. */
function formatHostPort(host, port) {
    return (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}


/***/ }),

/***/ 2092:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   VT: () => (/* binding */ comparePortKeys),
/* harmony export */   Zi: () => (/* binding */ parsePortBindings),
/* harmony export */   qy: () => (/* binding */ parsePortSpec)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Port formats of `port_specs` and `port_bindings`, parsed into the Engine API's shapes.
 * Pure: the validator, the create-body builder and the duplicate-host-port check share it,
 * so a port that validates is exactly the port that gets published.
 */

const PROTOCOLS = ['tcp', 'udp', 'sctp'];
const FORMS = 'Expected a port number 1-65535, optionally with /tcp, /udp or /sctp (e.g. 80, "80/tcp", "53/udp")';
/** Parses a port number given as an integer or a string of digits; undefined when it is not one. */
function portNumber(value) {
    if (typeof value === 'number')
        return Number.isInteger(value) && value >= 1 && value <= 65535 ? value : undefined;
    if (typeof value !== 'string' || !/^\d{1,5}$/.test(value.trim()))
        return undefined;
    const n = Number(value.trim());
    return n >= 1 && n <= 65535 ? n : undefined;
}
/**
 * Parses a container port: `80`, `"80"`, `"80/tcp"`, `"53/udp"`, `"132/sctp"`.
 * A protocol already present is kept as is; only a bare number gets `/tcp`
 * (Heat appended `/tcp` blindly and produced `53/udp/tcp`).
 */
function parsePortSpec(spec) {
    if (typeof spec === 'number') {
        const port = portNumber(spec);
        if (port === undefined)
            return { ok: false, message: `Invalid port ${String(spec)}. ${FORMS}` };
        return { ok: true, port, protocol: 'tcp', key: `${port}/tcp` };
    }
    if (typeof spec !== 'string') {
        return { ok: false, message: `Invalid port ${JSON.stringify(spec) ?? String(spec)}: not a number or string. ${FORMS}` };
    }
    const parts = spec.trim().split('/');
    if (parts.length > 2)
        return { ok: false, message: `Invalid port "${spec}": more than one protocol. ${FORMS}` };
    const port = portNumber(parts[0]);
    if (port === undefined)
        return { ok: false, message: `Invalid port "${spec}". ${FORMS}` };
    const protocol = parts.length === 2 ? parts[1].toLowerCase() : 'tcp';
    if (!PROTOCOLS.includes(protocol)) {
        return { ok: false, message: `Invalid protocol "${parts[1]}" in port "${spec}". ${FORMS}` };
    }
    return { ok: true, port, protocol: protocol, key: `${port}/${protocol}` };
}
/** Parses a host port: a number, a digit string, or null/'' for "any free port". */
function hostPort(value) {
    if (value === null || value === undefined || value === '')
        return { ok: true, port: '' };
    const n = portNumber(value);
    if (n === undefined) {
        return { ok: false, message: `Invalid host port ${JSON.stringify(value) ?? String(value)}: expected a number 1-65535, or null for a random port` };
    }
    return { ok: true, port: String(n) };
}
function isPlainMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Parses one binding: a host port scalar, null, or a `{HostIp, HostPort}` map. */
function parseBinding(value) {
    if (!isPlainMap(value)) {
        const hp = hostPort(value);
        return hp.ok ? { ok: true, binding: { HostIp: '', HostPort: hp.port } } : hp;
    }
    const unknownKeys = Object.keys(value).filter((k) => k !== 'HostIp' && k !== 'HostPort');
    if (unknownKeys.length > 0) {
        return { ok: false, message: `Unknown key "${unknownKeys[0]}" in a port binding: expected HostIp and HostPort` };
    }
    const ip = value.HostIp ?? '';
    if (typeof ip !== 'string' || (ip !== '' && (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(ip) === 0)) {
        return { ok: false, message: `Invalid HostIp ${JSON.stringify(ip)}: expected an IPv4 or IPv6 address, or "" for all` };
    }
    const hp = hostPort(value.HostPort);
    return hp.ok ? { ok: true, binding: { HostIp: ip, HostPort: hp.port } } : hp;
}
/**
 * Parses `port_bindings` into HostConfig.PortBindings. Keys are container ports (`80` → `80/tcp`);
 * values are a host port (`8080`), null (random), `{HostIp, HostPort}`, or a list of those.
 * Two keys naming the same container port (`80` and `"80/tcp"`) are refused, since one would
 * silently win. Output keys are sorted so the body (and its hash) is deterministic.
 */
function parsePortBindings(value) {
    if (!isPlainMap(value))
        return { ok: false, message: 'port_bindings must be a map of container port to host port' };
    const out = {};
    const origin = {};
    for (const rawKey of Object.keys(value)) {
        const spec = parsePortSpec(rawKey);
        if (!spec.ok)
            return { ok: false, message: spec.message, key: rawKey };
        if (spec.key in out) {
            return { ok: false, message: `Container port "${rawKey}" is the same as "${origin[spec.key]}" (${spec.key})`, key: rawKey };
        }
        const raw = value[rawKey];
        const items = Array.isArray(raw) ? raw : [raw];
        if (items.length === 0)
            return { ok: false, message: `No host port for container port "${rawKey}"`, key: rawKey };
        const bindings = [];
        for (const item of items) {
            const b = parseBinding(item);
            if (!b.ok)
                return { ok: false, message: `${b.message} (container port "${rawKey}")`, key: rawKey };
            bindings.push(b.binding);
        }
        out[spec.key] = bindings;
        origin[spec.key] = rawKey;
    }
    const sorted = {};
    for (const k of Object.keys(out).sort(comparePortKeys))
        sorted[k] = out[k];
    return { ok: true, bindings: sorted };
}
/** Orders `80/tcp` keys by number, then protocol (stable, human order). */
function comparePortKeys(a, b) {
    const [pa, qa = ''] = a.split('/');
    const [pb, qb = ''] = b.split('/');
    return Number(pa) - Number(pb) || qa.localeCompare(qb);
}


/***/ }),

/***/ 8516:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Og: () => (/* binding */ credentialsFor),
/* harmony export */   U$: () => (/* binding */ registryHost),
/* harmony export */   Zg: () => (/* binding */ scrubSecrets),
/* harmony export */   bJ: () => (/* binding */ registryAuthHeader),
/* harmony export */   hQ: () => (/* binding */ registryAuthSecrets)
/* harmony export */ });
/* unused harmony exports DOCKER_HUB, normalizeRegistry */
/** Docker Hub's canonical host: references without a registry part live there. */
const DOCKER_HUB = 'docker.io';
/** Spellings of Docker Hub that users (and `docker login`) put in auth files. */
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
/**
 * The registry host of an image reference, as the docker CLI decides it: the part before the first
 * '/' is a host only when it has a '.' or a ':' or is `localhost`; otherwise the image is on Docker Hub.
 * `127.0.0.1:5000/app:1` → `127.0.0.1:5000`, `nginx:1` and `library/nginx` → `docker.io`.
 */
function registryHost(image) {
    const slash = image.indexOf('/');
    if (slash < 0)
        return DOCKER_HUB;
    const first = image.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost')
        return normalizeRegistry(first);
    return DOCKER_HUB;
}
/** Lower-cased host[:port] without scheme or path; Docker Hub aliases become `docker.io`. */
function normalizeRegistry(key) {
    let host = key.trim().toLowerCase().replace(/^[a-z]+:\/\//, '');
    const slash = host.indexOf('/');
    if (slash >= 0)
        host = host.slice(0, slash);
    return HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}
/** The credentials configured for a registry host, matched after normalisation; undefined when none. */
function credentialsFor(host, auth) {
    const wanted = normalizeRegistry(host);
    for (const [key, creds] of Object.entries(auth)) {
        if (normalizeRegistry(key) === wanted)
            return { ...creds, key };
    }
    return undefined;
}
/** Docker Hub's auth server address as the engine expects it in the header. */
function serverAddress(host) {
    return normalizeRegistry(host) === DOCKER_HUB ? 'https://index.docker.io/v1/' : normalizeRegistry(host);
}
/** The JSON the Engine API wants in X-Registry-Auth, before encoding. */
function authJson(creds, host) {
    return JSON.stringify({ username: creds.username, password: creds.password, serveraddress: serverAddress(host) });
}
/**
 * X-Registry-Auth value for a registry: URL-safe, padded base64 of `{username, password,
 * serveraddress}`, as the docker CLI sends it.
 */
function registryAuthHeader(creds, host) {
    // Padded: the engine decodes with Go's base64.URLEncoding, which rejects unpadded input.
    return urlSafe(Buffer.from(authJson(creds, host)).toString('base64'));
}
function urlSafe(b64) {
    return b64.replace(/\+/g, '-').replace(/\//g, '_');
}
/**
 * Every secret form derived from `registry-auth`: each password, the header in both base64
 * alphabets (padded and not), and the `user:password` base64 of docker's config.json. The action
 * passes each to core.setSecret; errors are scrubbed with the same list.
 */
function registryAuthSecrets(auth) {
    const out = new Set();
    for (const [key, creds] of Object.entries(auth)) {
        if (!creds || typeof creds.password !== 'string' || creds.password === '')
            continue;
        out.add(creds.password);
        const json = Buffer.from(authJson(creds, key));
        out.add(json.toString('base64'));
        out.add(json.toString('base64url'));
        out.add(urlSafe(json.toString('base64')));
        out.add(json.toString('base64').replace(/=+$/, ''));
        out.add(Buffer.from(`${creds.username}:${creds.password}`).toString('base64'));
    }
    return [...out];
}
/** Replaces every secret occurrence in a message with `***` (longest first, so no fragment survives). */
function scrubSecrets(message, secrets) {
    let out = message;
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
        if (s.length >= 3)
            out = out.split(s).join('***');
    }
    return out;
}


/***/ }),

/***/ 9407:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* reexport safe */ _cli_js__WEBPACK_IMPORTED_MODULE_2__.m0)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3357);
/**
 * The bundle's entry. The runner executes this file: then it runs the action. bin/hotdock.js
 * imports it for `cliMain` instead, so one bundle serves both and the action's run stays put.
 */



/** True when this module is the process's main script (not imported by the CLI or a test). */
function isMainModule() {
    const script = process.argv[1];
    if (!script)
        return false;
    try {
        return (0,node_url__WEBPACK_IMPORTED_MODULE_1__.pathToFileURL)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(script)).href === import.meta.url;
    }
    catch {
        return false;
    }
}
// The action's module (and @actions/core with it) loads only when the runner runs this file.
if (isMainModule())
    await (await Promise.all(/* import() */[__nccwpck_require__.e(421), __nccwpck_require__.e(114)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1114))).run();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 8603:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Em: () => (/* binding */ realStages),
  aI: () => (/* binding */ runPipeline)
});

// UNUSED EXPORTS: nodeIO

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
// EXTERNAL MODULE: ./src/diagnostics.ts
var src_diagnostics = __nccwpck_require__(4851);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __nccwpck_require__(3243);
;// CONCATENATED MODULE: ./src/template/load-limits.ts
/**
 * Resource limits of the loader. They are checked on the source and on the parser's event
 * stream, before any code walks a value tree in which aliases are expanded: a small file with
 * nested aliases ("billion laughs") describes ~10^9 nodes and must be refused, not walked.
 */
/** Defaults: far above any real template of containers, far below what hurts the runner. */
const DEFAULT_LOAD_LIMITS = Object.freeze({
    maxBytes: 512 * 1024,
    maxDepth: 64,
    maxAliases: 100,
    maxNodes: 200_000,
});
/** Defaults overridden by the given fields (invalid numbers keep the default). */
function resolveLimits(partial) {
    const out = { ...DEFAULT_LOAD_LIMITS };
    for (const key of Object.keys(out)) {
        const v = partial?.[key];
        if (typeof v === 'number' && Number.isFinite(v) && v >= 0)
            out[key] = Math.floor(v);
    }
    return out;
}
/** "600.0 KiB (614400 bytes)": sizes in messages, exact and readable. */
function formatBytes(bytes) {
    return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
}
/**
 * Counts nodes as the event stream goes by. Every node counts 1; an alias counts the expanded
 * size of the node it names. Sizes are known when an anchored node closes, so the total after
 * expansion is known without building anything, and the count stops at the first breach.
 */
class NodeBudget {
    limits;
    anchors = new Map();
    /** Expanded size of each open collection, innermost last. */
    open = [];
    total = 0;
    aliases = 0;
    constructor(limits) {
        this.limits = limits;
    }
    /** A scalar (maybe anchored). */
    scalar(offset, anchor) {
        if (anchor !== undefined)
            this.anchors.set(anchor, { size: 1, complete: true });
        return this.add(1, offset, false);
    }
    /** A mapping or sequence opens (maybe anchored). */
    openCollection(offset, anchor) {
        if (this.open.length + 1 > this.limits.maxDepth) {
            return {
                code: 'nesting-too-deep',
                offset,
                message: `Mappings and lists are nested more than ${this.limits.maxDepth} levels deep; flatten the template.`,
            };
        }
        if (anchor !== undefined)
            this.anchors.set(anchor, { size: 0, complete: false });
        this.open.push({ size: 0, anchor });
        return this.add(1, offset, false);
    }
    /** The innermost collection closes: its size is now known for its anchor. */
    closeCollection() {
        const frame = this.open.pop();
        if (frame === undefined)
            return;
        if (frame.anchor !== undefined)
            this.anchors.set(frame.anchor, { size: frame.size, complete: true });
        const parent = this.open[this.open.length - 1];
        if (parent !== undefined)
            parent.size += frame.size;
    }
    /**
     * An alias. Returns a breach, or 'unknown' / 'recursive' when it names no anchor yet or one
     * that is still open (a cycle, which no later stage could walk).
     */
    alias(name, offset) {
        this.aliases++;
        if (this.aliases > this.limits.maxAliases) {
            return {
                code: 'too-many-aliases',
                offset,
                message: `The template uses more than ${this.limits.maxAliases} aliases (*name); write the values out or use fewer aliases.`,
            };
        }
        const info = this.anchors.get(name);
        if (info === undefined)
            return 'unknown';
        if (!info.complete)
            return 'recursive';
        return this.add(info.size, offset, true);
    }
    add(size, offset, viaAlias) {
        this.total += size;
        // Only the innermost open collection grows here; closeCollection passes sizes outwards.
        const top = this.open[this.open.length - 1];
        if (top !== undefined)
            top.size += size;
        if (this.total <= this.limits.maxNodes)
            return undefined;
        return viaAlias || this.aliases > 0
            ? {
                code: 'alias-expansion-too-large',
                offset,
                message: `With its aliases expanded the template has more than ${this.limits.maxNodes} nodes; aliases that repeat aliases multiply, so write the values out or use fewer of them.`,
            }
            : {
                code: 'too-many-nodes',
                offset,
                message: `The template has more than ${this.limits.maxNodes} nodes; split it into smaller templates.`,
            };
    }
}

// EXTERNAL MODULE: ./src/template/types.ts
var types = __nccwpck_require__(5415);
;// CONCATENATED MODULE: ./src/template/positions.ts
/**
 * Source positions for the loader: offsets → 1-based line/column, the PositionMap later stages
 * use, and the pass over js-yaml's event stream that records them (and checks limits, duplicate
 * keys and aliases on the way, so nothing walks a value tree with aliases expanded).
 */



/**
 * Line starts of a text, so an offset maps to line/column by binary search instead of a scan
 * from the start (a 512 KiB template has tens of thousands of nodes to locate).
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as YAML (and js-yaml's error marks) count them.
 */
class LineIndex {
    text;
    /** Offset of the first character of each line; lineStarts[0] is 0. */
    lineStarts;
    constructor(text) {
        this.text = text;
        const starts = [0];
        for (let i = 0; i < text.length; i++) {
            const ch = text.charCodeAt(i);
            if (ch === 10)
                starts.push(i + 1);
            else if (ch === 13 && text.charCodeAt(i + 1) !== 10)
                starts.push(i + 1);
        }
        this.lineStarts = starts;
    }
    /** 0-based index of the line holding `offset` (offsets past the end land on the last line). */
    lineOf(offset) {
        const starts = this.lineStarts;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }
    /**
     * 1-based line and column of a 0-based offset (column in UTF-16 code units, like editors'
     * APIs). A byte order mark is not a column: editors do not show it.
     */
    position(offset) {
        const clamped = Math.max(0, Math.min(offset, this.text.length));
        const line = this.lineOf(clamped);
        const bom = line === 0 && this.text.charCodeAt(0) === 0xfeff && clamped > 0 ? 1 : 0;
        return { line: line + 1, column: clamped - this.lineStarts[line] + 1 - bom };
    }
    /** Text of a 0-based line without its line break. */
    lineText(line) {
        const start = this.lineStarts[line] ?? this.text.length;
        const end = this.lineStarts[line + 1] ?? this.text.length;
        return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
    }
}
/** The pointer one level up: '/a/b' → '/a', '/a' → '', '' → undefined. */
function parentPointer(ptr) {
    if (ptr === '')
        return undefined;
    const slash = ptr.lastIndexOf('/');
    return slash <= 0 ? '' : ptr.slice(0, slash);
}
/**
 * PositionMap over recorded offsets. Offsets are kept as numbers and turned into line/column
 * only when asked: most nodes are never the subject of a diagnostic.
 */
class OffsetPositionMap {
    index;
    values;
    keys;
    constructor(index, values, keys) {
        this.index = index;
        this.values = values;
        this.keys = keys;
    }
    /** Position of the value node at `ptr`, when the source holds it (not inside an alias). */
    value(ptr) {
        const offset = this.values.get(ptr);
        return offset === undefined ? undefined : this.index.position(offset);
    }
    /** Position of the mapping key naming `ptr`. */
    key(ptr) {
        const offset = this.keys.get(ptr);
        return offset === undefined ? undefined : this.index.position(offset);
    }
    /** The value's position, else the closest positioned ancestor's, else 1:1. */
    locate(ptr) {
        let current = ptr;
        while (current !== undefined) {
            const offset = this.values.get(current) ?? this.keys.get(current);
            if (offset !== undefined)
                return this.index.position(offset);
            current = parentPointer(current);
        }
        return { line: 1, column: 1 };
    }
    /** Every pointer with a recorded value position (tests and tools enumerate them). */
    pointers() {
        return this.values.keys();
    }
}
/**
 * One pass over the events of a single-document stream. Aliases are not followed: a pointer
 * below an alias has no position of its own, and locate() answers with the alias.
 */
function walkEvents(events, text, index, limits) {
    const values = new Map();
    const keys = new Map();
    const errors = [];
    const budget = new NodeBudget(limits);
    const stack = [];
    const anchoredScalars = new Map();
    const keyText = new KeyText(text);
    let directives = [];
    const stop = (e) => ({ values, keys, errors: [e] });
    for (const ev of events) {
        if (ev.type === js_yaml/* EVENT_ID */.hy.DOCUMENT) {
            directives = ev.directives;
            continue;
        }
        if (ev.type === js_yaml/* EVENT_ID */.hy.POP) {
            // The document's own POP arrives with an empty stack.
            if (stack.pop() !== undefined)
                budget.closeCollection();
            continue;
        }
        const offset = nodeOffset(ev, text, index);
        const top = stack[stack.length - 1];
        let ptr = '';
        let keyOf;
        let emptyAt = -1;
        if (top?.kind === 'seq') {
            ptr = top.ptr === null ? null : `${top.ptr}/${top.index}`;
            top.index++;
        }
        else if (top?.kind === 'map' && top.expectKey) {
            top.expectKey = false;
            keyOf = top;
            ptr = null;
        }
        else if (top?.kind === 'map') {
            top.expectKey = true;
            ptr = top.childPtr;
            // An empty value (`image:`) has no text of its own: its key stands for it.
            emptyAt = top.keyOffset;
        }
        const anchor = ev.type !== js_yaml/* EVENT_ID */.hy.ALIAS && ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
        if (ev.type === js_yaml/* EVENT_ID */.hy.ALIAS) {
            const name = text.slice(ev.anchorStart, ev.anchorEnd);
            const r = budget.alias(name, offset);
            if (r === 'unknown')
                return stop({ code: 'yaml-syntax', offset, path: ptr ?? '', message: `Unidentified alias "${name}": no anchor &${name} comes before it.` });
            if (r === 'recursive') {
                return stop({ code: 'recursive-alias', offset, path: ptr ?? '', message: `The alias *${name} refers to a node that contains it; recursive structures are not allowed.` });
            }
            if (r !== undefined)
                return stop({ code: r.code, offset: r.offset, path: ptr ?? '', message: r.message });
            if (keyOf) {
                const target = anchoredScalars.get(name);
                if (target)
                    setKey(keyOf, keyText.of(target, directives), offset);
                else
                    complexKey(keyOf, offset);
            }
        }
        else if (ev.type === js_yaml/* EVENT_ID */.hy.SCALAR) {
            const r = budget.scalar(offset, anchor);
            if (r)
                return stop({ code: r.code, offset: r.offset, path: ptr ?? '', message: r.message });
            if (anchor !== undefined)
                anchoredScalars.set(anchor, ev);
            if (keyOf)
                setKey(keyOf, keyText.of(ev, directives), offset);
        }
        else {
            const r = budget.openCollection(offset, anchor);
            if (r)
                return stop({ code: r.code, offset: r.offset, path: ptr ?? '', message: r.message });
            if (anchor !== undefined)
                anchoredScalars.set(anchor, null);
            if (keyOf)
                complexKey(keyOf, offset);
            stack.push(ev.type === js_yaml/* EVENT_ID */.hy.MAPPING
                ? { kind: 'map', ptr, seen: new Map(), childPtr: null, keyOffset: -1, expectKey: true }
                : { kind: 'seq', ptr, index: 0 });
        }
        if (ptr !== null) {
            const at = offset >= 0 ? offset : emptyAt;
            if (at >= 0)
                values.set(ptr, at);
        }
    }
    return { values, keys, errors };
    function setKey(frame, key, offset) {
        frame.keyOffset = offset;
        const child = frame.ptr === null ? null : `${frame.ptr}/${segment(key)}`;
        frame.childPtr = child;
        const first = frame.seen.get(key);
        if (first !== undefined) {
            const where = first >= 0 ? ` (first at line ${index.position(first).line}, column ${index.position(first).column})` : '';
            errors.push({ code: 'duplicate-key', offset, path: child ?? '', message: `The key "${key}" appears more than once in this mapping${where}.` });
            return;
        }
        frame.seen.set(key, offset);
        if (child !== null && offset >= 0)
            keys.set(child, offset);
    }
    function complexKey(frame, offset) {
        frame.childPtr = null;
        frame.keyOffset = offset;
        errors.push({ code: 'complex-key', offset, path: frame.ptr ?? '', message: 'A mapping key must be a single value, not a list, a mapping or an alias to one.' });
    }
}
/** A key as a pointer segment; most keys need no escaping, so skip the two replaces. */
function segment(key) {
    return key.includes('~') || key.includes('/') ? (0,types/* escapePointer */.lZ)(key) : key;
}
/**
 * Offset where a node starts in the source: its properties (`&anchor`, `!tag`) if any, the
 * opening quote of a quoted scalar, the `|`/`>` header of a block scalar; -1 for an empty node.
 */
function nodeOffset(ev, text, index) {
    let base;
    if (ev.type === js_yaml/* EVENT_ID */.hy.ALIAS)
        return ev.anchorStart - 1;
    if (ev.type === js_yaml/* EVENT_ID */.hy.SCALAR)
        base = scalarOffset(ev, text, index);
    else if (ev.type === js_yaml/* EVENT_ID */.hy.MAPPING || ev.type === js_yaml/* EVENT_ID */.hy.SEQUENCE)
        base = ev.start;
    else
        return -1;
    // anchorStart is just after '&'; tagStart is the '!' itself.
    if (ev.anchorStart > 0)
        base = base < 0 ? ev.anchorStart - 1 : Math.min(base, ev.anchorStart - 1);
    if (ev.tagStart >= 0)
        base = base < 0 ? ev.tagStart : Math.min(base, ev.tagStart);
    return base;
}
function scalarOffset(ev, text, index) {
    if (ev.valueStart < 0)
        return -1;
    if (ev.style === js_yaml/* SCALAR_STYLE */.jK.SINGLE_QUOTED || ev.style === js_yaml/* SCALAR_STYLE */.jK.DOUBLE_QUOTED)
        return ev.valueStart - 1;
    if (ev.style !== js_yaml/* SCALAR_STYLE */.jK.LITERAL_BLOCK && ev.style !== js_yaml/* SCALAR_STYLE */.jK.FOLDED_BLOCK)
        return ev.valueStart;
    // A block scalar's content starts on the line after its header (`key: |-  # comment`).
    let line = index.lineOf(ev.valueStart);
    if (line > 0 && index.lineStarts[line] === ev.valueStart)
        line--;
    const header = /[|>][0-9+-]*[ \t]*(?:#.*)?$/.exec(index.lineText(line));
    return header ? index.lineStarts[line] + header.index : ev.valueStart;
}
/**
 * The string a scalar key becomes in the document: js-yaml's object maps use String(value), so
 * `1.0` and `1` are the same key and `null` is "null". Plain keys resolve through the schema;
 * results are cached because templates repeat the same few keys.
 */
const CORE_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
class KeyText {
    text;
    cache = new Map();
    constructor(text) {
        this.text = text;
    }
    of(ev, directives) {
        if (ev.tagStart < 0 && ev.valueStart < 0)
            return 'null';
        const decoded = ev.valueStart < 0 ? '' : (0,js_yaml/* getScalarValue */.KE)(this.text, ev);
        if (ev.tagStart < 0 && ev.style !== js_yaml/* SCALAR_STYLE */.jK.PLAIN)
            return decoded;
        // The core schema's implicit null/bool/int/float never start with a letter other than these
        // words, so most plain keys are strings as written (and resolving each one costs a construct).
        if (ev.tagStart < 0 && /^[A-Za-z_]/.test(decoded) && !CORE_WORDS.test(decoded))
            return decoded;
        const cacheable = ev.tagStart < 0;
        const hit = cacheable ? this.cache.get(decoded) : undefined;
        if (hit !== undefined)
            return hit;
        let key = decoded;
        try {
            const [value] = (0,js_yaml/* constructFromEvents */.fw)([{ type: js_yaml/* EVENT_ID */.hy.DOCUMENT, explicitStart: false, explicitEnd: false, directives }, { ...ev, anchorStart: -1, anchorEnd: -1 }, { type: js_yaml/* EVENT_ID */.hy.POP }], { source: this.text, schema: js_yaml/* CORE_SCHEMA */.OU });
            key = String(value);
        }
        catch {
            // An unknown tag: the full construction reports it; the decoded text will do meanwhile.
        }
        if (cacheable)
            this.cache.set(decoded, key);
        return key;
    }
}

;// CONCATENATED MODULE: ./src/template/load.ts
/**
 * Pipeline stage "load": template text → document value + source positions, or diagnostics.
 *
 * The text is parsed once into js-yaml's event stream (every node with its source offsets).
 * One pass over the events records positions and checks limits, duplicate keys and aliases;
 * only then is the value built from the same events (core schema: `2013-05-23` stays text).
 */




/**
 * YAML 1.2 core schema (no timestamps: `2013-05-23` stays text, as Heat's loader keeps it) plus
 * merge keys (`<<: *defaults`), which Heat's loader accepts too.
 */
const SCHEMA = js_yaml/* CORE_SCHEMA */.OU.withTags(js_yaml/* mergeTag */.LJ);
const NOT_A_MAPPING = 'The template must be a YAML mapping with heat_template_version, resources, ...';
/**
 * Loads a HOT template. Never throws: every problem (size, YAML syntax, limits, duplicate keys,
 * a document that is not one mapping) comes back as diagnostics, and then nothing else runs.
 */
function loadTemplate(text, file, limits) {
    try {
        return load(text, file, resolveLimits(limits));
    }
    catch (err) {
        // Last resort: a loader bug or an exotic input must still end as a diagnostic.
        return failure([
            { file, line: 1, column: 1, path: '', code: 'yaml-syntax', severity: 'error', message: `The template could not be read: ${errorText(err)}` },
        ]);
    }
}
function load(text, file, limits) {
    const at = (offset, code, message, path = '') => {
        const pos = offset >= 0 ? index.position(offset) : { line: 1, column: 1 };
        return { file, line: pos.line, column: pos.column, path, code, message, severity: 'error' };
    };
    // Size first: nothing is parsed or indexed for a file over the limit.
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limits.maxBytes) {
        return failure([
            { file, line: 1, column: 1, path: '', code: 'template-too-large', severity: 'error',
                message: `The template is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}.` },
        ]);
    }
    const index = new LineIndex(text);
    let events;
    try {
        // The parser's own depth guard sits a little above ours (it also counts scalars), so our
        // event pass reports depth in our terms; beyond it, the parser stops before recursing on.
        events = (0,js_yaml/* parseEvents */.PH)(text, { filename: file, maxDepth: limits.maxDepth + 3 });
    }
    catch (err) {
        return failure([yamlError(err, file, index, limits)]);
    }
    const docStarts = [];
    events.forEach((e, i) => {
        if (e.type === js_yaml/* EVENT_ID */.hy.DOCUMENT)
            docStarts.push(i);
    });
    if (docStarts.length === 0)
        return failure([at(-1, 'not-a-mapping', `${NOT_A_MAPPING}; this file is empty.`)]);
    if (docStarts.length > 1) {
        return failure([at(secondDocumentOffset(events, docStarts[1], text), 'multiple-documents', 'The file holds more than one YAML document (---); a template is exactly one document.')]);
    }
    const root = events[1];
    if (root === undefined || root.type !== js_yaml/* EVENT_ID */.hy.MAPPING) {
        const what = describeRoot(root, text);
        return failure([at(root === undefined ? -1 : nodeOffset(root, text, index), 'not-a-mapping', `${NOT_A_MAPPING}; this document is ${what}.`)]);
    }
    const walked = walkEvents(events, text, index, limits);
    if (walked.errors.length > 0) {
        return failure(walked.errors.map((e) => at(e.offset, e.code, e.message, e.path)));
    }
    let docs;
    try {
        docs = (0,js_yaml/* constructFromEvents */.fw)(events, { source: text, filename: file, schema: SCHEMA, maxAliases: limits.maxAliases });
    }
    catch (err) {
        return failure([yamlError(err, file, index, limits)]);
    }
    const doc = docs[0];
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        return failure([at(nodeOffset(root, text, index), 'not-a-mapping', `${NOT_A_MAPPING}.`)]);
    }
    const positions = new OffsetPositionMap(index, walked.values, walked.keys);
    return { ok: true, template: { file, text, doc, positions } };
}
function failure(diagnostics) {
    return { ok: false, diagnostics };
}
/** A js-yaml exception as one diagnostic at its mark: the reason only, not the snippet. */
function yamlError(err, file, index, limits) {
    const e = err;
    const reason = typeof e?.reason === 'string' ? e.reason : errorText(err);
    let line = 1;
    let column = 1;
    // The mark's offset through our index, so errors and nodes agree on columns (a BOM is not
    // one); its line/column when it has no offset.
    if (typeof e?.mark?.position === 'number') {
        ({ line, column } = index.position(e.mark.position));
    }
    else if (typeof e?.mark?.line === 'number' && typeof e.mark.column === 'number') {
        line = e.mark.line + 1;
        column = e.mark.column + 1;
    }
    const base = { file, line, column, path: '', severity: 'error' };
    if (reason.startsWith('nesting exceeded')) {
        return { ...base, code: 'nesting-too-deep', message: `Mappings and lists are nested more than ${limits.maxDepth} levels deep; flatten the template.` };
    }
    if (reason.startsWith('aliases exceeded')) {
        return { ...base, code: 'too-many-aliases', message: `The template uses more than ${limits.maxAliases} aliases (*name).` };
    }
    const tag = /^unknown (?:scalar |sequence |mapping )?tag !<?([^>]*)>?/.exec(reason);
    if (tag) {
        return { ...base, code: 'unknown-tag',
            message: `Unknown YAML tag !${tag[1].replace(/^!/, '')}; HOT templates use intrinsic functions such as {get_param: name}, not tags.` };
    }
    let message = sentence(reason);
    if (/\btab/i.test(reason))
        message += ' Indent with spaces.';
    return { ...base, code: 'yaml-syntax', message };
}
/** "bad indentation of a mapping entry" → "Bad indentation of a mapping entry." */
function sentence(reason) {
    const trimmed = reason.trim() || 'invalid YAML';
    const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
    return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
function errorText(err) {
    if (err instanceof Error)
        return err.message.split('\n')[0];
    return String(err);
}
/** What the root is, for the not-a-mapping message. */
function describeRoot(root, text) {
    if (root === undefined)
        return 'empty';
    if (root.type === js_yaml/* EVENT_ID */.hy.SEQUENCE)
        return 'a list';
    if (root.type === js_yaml/* EVENT_ID */.hy.SCALAR)
        return root.valueStart < 0 || text.slice(root.valueStart, root.valueEnd).trim() === '' ? 'empty' : 'a single value';
    return 'not a mapping';
}
/**
 * Where the second document starts: its `---` marker when there is one after the end of the
 * first document's last node, else its first node, else the end of the first document.
 */
function secondDocumentOffset(events, docIndex, text) {
    let lastEnd = 0;
    for (let i = 0; i < docIndex; i++)
        lastEnd = Math.max(lastEnd, eventEnd(events[i]));
    let next = -1;
    for (let i = docIndex + 1; i < events.length && next < 0; i++) {
        const e = events[i];
        if (e.type === js_yaml/* EVENT_ID */.hy.DOCUMENT)
            break;
        next = eventStart(e);
    }
    const marker = /^---(?=[\s]|$)/gm;
    marker.lastIndex = lastEnd;
    const m = marker.exec(text);
    if (m && (next < 0 || m.index <= next))
        return m.index;
    return next >= 0 ? next : lastEnd;
}
function eventStart(e) {
    switch (e.type) {
        case js_yaml/* EVENT_ID */.hy.SCALAR: return e.valueStart;
        case js_yaml/* EVENT_ID */.hy.MAPPING:
        case js_yaml/* EVENT_ID */.hy.SEQUENCE: return e.start;
        case js_yaml/* EVENT_ID */.hy.ALIAS: return e.anchorStart - 1;
        default: return -1;
    }
}
function eventEnd(e) {
    switch (e.type) {
        case js_yaml/* EVENT_ID */.hy.SCALAR: return Math.max(e.valueEnd, e.tagEnd, e.anchorEnd);
        case js_yaml/* EVENT_ID */.hy.MAPPING:
        case js_yaml/* EVENT_ID */.hy.SEQUENCE: return Math.max(e.start, e.tagEnd, e.anchorEnd);
        case js_yaml/* EVENT_ID */.hy.ALIAS: return e.anchorEnd;
        default: return 0;
    }
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __nccwpck_require__(2463);
// EXTERNAL MODULE: ./src/template/diagnostic-factory.ts
var diagnostic_factory = __nccwpck_require__(7884);
;// CONCATENATED MODULE: ./src/template/hot-schema.ts
/**
 * The JSON Schema (draft-07) of a HOT template of DockerInc::Docker::Container resources.
 * schema-check.ts validates with it; schema/hot.schema.json is this object written out verbatim
 * for editors (a test keeps the two identical). `x-expected` is an annotation of ours: the
 * phrase messages use for "must be …"; validators and editors ignore it.
 */
/** The only resource type hotdock deploys. */
const CONTAINER_TYPE = 'DockerInc::Docker::Container';
/** The top-level sections a HOT template may have. */
const HOT_SECTIONS = [
    'heat_template_version', 'description', 'parameter_groups', 'parameters', 'resources', 'outputs', 'conditions',
];
/** Every HOT intrinsic function, whatever version brought it (versions are checked elsewhere). */
const INTRINSIC_FUNCTIONS = [
    'get_param', 'get_resource', 'get_attr', 'get_file', 'str_replace', 'str_replace_strict', 'str_replace_vstrict',
    'list_join', 'str_split', 'digest', 'repeat', 'map_merge', 'map_replace', 'list_concat', 'list_concat_unique',
    'contains', 'if', 'equals', 'not', 'and', 'or', 'filter', 'make_url', 'yaql',
];
/** Capabilities Heat's plugin accepted in cap_add / cap_drop. */
const LINUX_CAPABILITIES = [
    'SETPCAP', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME',
    'SYS_TTY_CONFIG', 'MKNOD', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'MAC_OVERRIDE', 'MAC_ADMIN', 'NET_ADMIN', 'SYSLOG',
    'CHOWN', 'NET_RAW', 'DAC_OVERRIDE', 'FOWNER', 'DAC_READ_SEARCH', 'FSETID', 'KILL', 'SETGID', 'SETUID',
    'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'IPC_LOCK', 'IPC_OWNER', 'SYS_CHROOT', 'SYS_PTRACE',
    'SYS_BOOT', 'LEASE', 'SETFCAP', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'ALL',
];
/** The HOT versions as written (dates and release names); the version check lists them for users. */
const VERSION_SPELLINGS = [
    '2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08', '2016-10-14', '2017-02-24', '2017-09-01',
    '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky', 'wallaby',
];
// 1-65535 as a regular expression, so numeric strings get the same range check as numbers.
const PORT_RE = '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
const DEVICE_PATH_RE = '^/dev/[/_\\-a-zA-Z0-9]+$';
const BIND_MODE_RE = '(?:rw|ro|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|consistent|cached|delegated)';
// Heat's coercion of strings: whole numbers, non-negative ones, and true/false in any case.
const INTEGER_RE = '^[-+]?[0-9]+$';
const COUNT_RE = '^\\+?[0-9]+$';
const BOOLEAN_RE = '^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$';
/** Patterns that only express that coercion: a string failing one is of the wrong type, not a wrong value. */
const COERCION_PATTERNS = [INTEGER_RE, COUNT_RE, BOOLEAN_RE];
const ref = (name) => ({ $ref: `#/definitions/${name}` });
/** Help text for editors. */
const doc = (title, description, schema) => ({ title, description, ...schema });
/** The literal form, or any intrinsic function call in its place (whose arguments are checked elsewhere). */
const orFn = (literal) => ({ anyOf: [literal, ref('function')] });
const listOf = (item, expected) => ({ type: 'array', items: orFn(item), 'x-expected': expected });
const mapOf = (value, expected) => ({ type: 'object', additionalProperties: orFn(value), 'x-expected': expected });
// One schema with several types rather than anyOf: each keyword applies to its own type only,
// so a failure is reported at the exact node instead of as a list of alternatives.
const bindingItem = {
    type: ['integer', 'string', 'null', 'object'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}$`,
    additionalProperties: false,
    properties: {
        HostIp: orFn(ref('string')),
        HostPort: orFn({
            type: ['integer', 'string', 'null'], minimum: 1, maximum: 65535, pattern: `^(?:${PORT_RE})?$`,
            'x-expected': 'a host port from 1 to 65535',
        }),
    },
    'x-expected': 'a host port from 1 to 65535, null (any free port) or a {HostIp, HostPort} mapping',
};
/** A call of an intrinsic function; schema-check.ts recognises its errors by this object's identity. */
const FUNCTION_SCHEMA = {
    description: 'An intrinsic function call: a mapping with exactly one key naming a HOT function.',
    type: 'object', minProperties: 1, maxProperties: 1, propertyNames: { enum: [...INTRINSIC_FUNCTIONS] },
};
const definitions = {
    function: FUNCTION_SCHEMA,
    // Heat's coercion: strings accept numbers and booleans; integers numeric strings; booleans "true"/"false".
    string: { type: ['string', 'number', 'boolean'], 'x-expected': 'a string' },
    integer: { type: ['integer', 'string'], pattern: INTEGER_RE, 'x-expected': 'a whole number' },
    count: { type: ['integer', 'string'], minimum: 0, pattern: COUNT_RE, 'x-expected': 'a whole number, 0 or more' },
    boolean: { type: ['boolean', 'string'], pattern: BOOLEAN_RE, 'x-expected': 'true or false' },
    port: {
        type: ['integer', 'string'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}$`,
        'x-expected': 'a port number from 1 to 65535',
    },
    portSpec: {
        type: ['integer', 'string'], minimum: 1, maximum: 65535, pattern: `^${PORT_RE}(?:/(?:tcp|udp|sctp))?$`,
        'x-expected': "a port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp', '53/udp')",
    },
    portBindingItem: bindingItem,
    portBinding: {
        ...bindingItem,
        type: ['integer', 'string', 'null', 'object', 'array'],
        items: orFn(ref('portBindingItem')),
        'x-expected': 'a host port from 1 to 65535, null (any free port), a {HostIp, HostPort} mapping, or a list of those',
    },
    devicePath: { type: 'string', pattern: DEVICE_PATH_RE, maxLength: 255, 'x-expected': 'a device path like /dev/sda (at most 255 characters)' },
    condition: {
        anyOf: [{ type: ['string', 'boolean'] }, ref('function')],
        'x-expected': "the name of a condition, true or false, or a condition function such as {equals: [...]}",
    },
};
const str = (title, description) => doc(title, description, orFn(ref('string')));
const bool = (title, description) => doc(title, description, orFn(ref('boolean')));
const strings = (title, description, expected = 'a list of strings') => doc(title, description, orFn(listOf(ref('string'), expected)));
const containerProperties = {
    docker_endpoint: str('Docker endpoint', "Where the container runs: unix:///path, tcp://host:port, http(s)://host:port, host:port, or the name of an entry of the action's 'endpoints' input. Defaults to the action's docker-endpoint, DOCKER_HOST, then the local socket."),
    image: str('Image', 'The image to run, e.g. nginx:1.27 or registry.example.com/team/app@sha256:... Required by hotdock.'),
    name: doc('Container name', "Docker container name; defaults to '<stack name>-<resource name>'.", orFn({
        type: ['string', 'number'], pattern: '^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$',
        'x-expected': "a container name of two or more letters, digits, '_', '.' or '-', starting with a letter or digit",
    })),
    hostname: str('Hostname', 'Hostname inside the container (Config.Hostname).'),
    user: str('User', 'User the command runs as: a name or uid, optionally with :group (Config.User).'),
    memory: doc('Memory limit', 'Memory limit in bytes (HostConfig.Memory), e.g. 536870912 for 512 MiB.', orFn({ ...definitions.count, 'x-expected': 'a whole number of bytes, 0 or more' })),
    cmd: strings('Command', 'Command and arguments as a list (Config.Cmd), e.g. [nginx, -g, "daemon off;"]. A plain string is an error.'),
    env: doc('Environment', 'Environment variables as a list of KEY=VALUE strings (Config.Env).', orFn(listOf({ type: 'string', pattern: '^[^=]+=', 'x-expected': 'a KEY=VALUE string' }, 'a list of KEY=VALUE strings'))),
    port_specs: doc('Exposed ports', "Ports the container exposes: 80, '80/tcp', '53/udp' (no protocol means tcp).", orFn(listOf(ref('portSpec'), 'a list of ports'))),
    port_bindings: doc('Port bindings', "Container port (80 or '80/tcp') to host port: 8080, null (any free port), {HostIp: 127.0.0.1, HostPort: 8080}, or a list of those.", orFn({
        type: 'object', propertyNames: { pattern: `^${PORT_RE}(?:/(?:tcp|udp|sctp))?$`, 'x-expected': "a container port from 1 to 65535, optionally followed by /tcp, /udp or /sctp (e.g. 80, '80/tcp')" }, additionalProperties: orFn(ref('portBinding')),
        'x-expected': 'a mapping of container ports to host ports',
    })),
    links: doc('Links', 'Other containers this one links to: {container name: alias} (HostConfig.Links).', orFn(mapOf(ref('string'), 'a mapping of container names to aliases'))),
    volumes: doc('Volumes', "Bind mounts: {'/host/path': '/container/path'} or {'/host/path': {bind: /container/path, ro: true}} (HostConfig.Binds).", orFn({
        type: 'object', propertyNames: { minLength: 1 },
        additionalProperties: orFn({
            type: ['string', 'object'], pattern: '^/[^:]*$', additionalProperties: false, required: ['bind'],
            properties: {
                bind: orFn({ type: 'string', pattern: '^/[^:]*$', 'x-expected': 'an absolute path in the container, e.g. /data' }),
                ro: orFn(ref('boolean')),
                mode: orFn({
                    type: 'string', pattern: `^${BIND_MODE_RE}(?:,${BIND_MODE_RE})*$`, 'x-expected': "a bind mode such as 'rw', 'ro' or 'ro,Z'",
                }),
            },
            'x-expected': 'an absolute path in the container (e.g. /data) or a {bind, ro, mode} mapping',
        }),
        'x-expected': 'a mapping of host paths to container paths',
    })),
    volumes_from: strings('Volumes from', 'Containers (names or ids) whose volumes this one mounts (HostConfig.VolumesFrom).', 'a list of container names'),
    privileged: bool('Privileged', 'Give the container extended privileges (HostConfig.Privileged).'),
    tty: bool('TTY', 'Allocate a pseudo-TTY (Config.Tty).'),
    open_stdin: bool('Open stdin', 'Keep stdin open (Config.OpenStdin).'),
    stdin_once: bool('Stdin once', 'Close stdin after the first client detaches (Config.StdinOnce).'),
    read_only: bool('Read-only root', 'Mount the root filesystem read-only (HostConfig.ReadonlyRootfs).'),
    dns: strings('DNS servers', 'DNS server addresses (HostConfig.Dns).', 'a list of DNS server addresses'),
    restart_policy: doc('Restart policy', 'When Docker restarts the container: {Name: no|on-failure|always, MaximumRetryCount: 0}.', orFn({
        type: 'object', additionalProperties: false, 'x-expected': 'a {Name, MaximumRetryCount} mapping',
        properties: {
            Name: doc('Policy', 'no, on-failure or always.', orFn({ enum: ['no', 'on-failure', 'always'], 'x-expected': 'a restart policy' })),
            MaximumRetryCount: doc('Maximum retries', 'Retries before giving up (on-failure only); 0 means no limit.', orFn(ref('count'))),
        },
    })),
    cap_add: doc('Capabilities to add', 'Linux capabilities to add (HostConfig.CapAdd), e.g. [NET_ADMIN].', orFn(listOf({ enum: [...LINUX_CAPABILITIES], 'x-expected': 'a Linux capability' }, 'a list of Linux capabilities'))),
    cap_drop: doc('Capabilities to drop', 'Linux capabilities to drop (HostConfig.CapDrop), e.g. [ALL].', orFn(listOf({ enum: [...LINUX_CAPABILITIES], 'x-expected': 'a Linux capability' }, 'a list of Linux capabilities'))),
    cpu_shares: doc('CPU shares', 'Relative CPU weight (HostConfig.CpuShares).', orFn(ref('count'))),
    cpu_set: doc('CPU set', "CPUs the container may use, e.g. '0-3' or '0-8,16-24,28' (HostConfig.CpusetCpus).", orFn({
        type: ['string', 'integer'], pattern: '^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$',
        'x-expected': "a list of CPUs and ranges like '0-8,16-24,28'",
    })),
    devices: doc('Devices', 'Host devices to expose: [{path_on_host: /dev/sda, path_in_container: /dev/xvda, permissions: rwm}] (HostConfig.Devices).', orFn(listOf({
        type: 'object', additionalProperties: false, required: ['path_on_host'], 'x-expected': 'a {path_on_host, path_in_container, permissions} mapping',
        properties: {
            path_on_host: doc('Path on host', 'Device path on the host, e.g. /dev/sda.', orFn(ref('devicePath'))),
            path_in_container: doc('Path in container', 'Device path in the container; defaults to path_on_host.', orFn(ref('devicePath'))),
            permissions: doc('Permissions', 'Cgroup permissions: r, w, m or a combination in that order; default rwm.', orFn({ enum: ['r', 'w', 'm', 'rw', 'rm', 'wm', 'rwm'], 'x-expected': 'device permissions' })),
        },
    }, 'a list of devices'))),
};
/** Every property of a container resource, in the reference's order. */
const CONTAINER_PROPERTIES = Object.keys(containerProperties);
const containerPropertiesSchema = orFn({
    type: 'object', required: ['image'], additionalProperties: false, properties: containerProperties,
    'x-expected': 'a mapping of container properties',
});
const resource = {
    type: 'object', required: ['type'], additionalProperties: false, 'x-expected': 'a mapping with a type and properties',
    properties: {
        type: doc('Resource type', `hotdock deploys ${CONTAINER_TYPE} resources.`, { const: CONTAINER_TYPE }),
        properties: doc('Properties', 'The container to run.', {}),
        metadata: doc('Metadata', 'Free-form data kept with the resource.', {}),
        depends_on: doc('Depends on', 'Resources created before this one: a name or a list of names.', {
            type: ['string', 'array'], items: { type: 'string', 'x-expected': 'a resource name' }, 'x-expected': 'a resource name or a list of resource names',
        }),
        deletion_policy: doc('Deletion policy', 'Delete (default) removes the container with the resource; Retain leaves it running.', orFn({ enum: ['Delete', 'Retain'], 'x-expected': 'a deletion policy' })),
        update_policy: doc('Update policy', 'Accepted for compatibility; hotdock replaces a container whose desired state changed.', orFn({ type: 'object', 'x-expected': 'a mapping' })),
        description: str('Description', 'What this resource is for.'),
        condition: doc('Condition', 'Create the resource only when this condition holds.', ref('condition')),
        external_id: str('External id', 'Adopt an existing container by id instead of creating one.'),
    },
    // Only container resources have a known property set; the type error covers the others.
    if: { properties: { type: { const: CONTAINER_TYPE } } },
    then: { required: ['properties'], properties: { properties: containerPropertiesSchema } },
};
/** The kinds of parameter constraint; each constraint item has exactly one. */
const CONSTRAINT_KINDS = ['length', 'range', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint'];
const bounds = (what) => ({ type: 'object', additionalProperties: false, properties: { min: { type: 'number' }, max: { type: 'number' } }, description: what });
const constraint = {
    type: 'object', additionalProperties: false, 'x-expected': 'a constraint mapping such as {range: {min: 1, max: 10}}',
    properties: {
        length: bounds('Length of a string, list or json value: {min, max}.'),
        range: bounds('Inclusive range of a number: {min, max}.'),
        modulo: { type: 'object', additionalProperties: false, required: ['step', 'offset'], properties: { step: { type: 'number' }, offset: { type: 'number' } }, description: 'value % step == offset.' },
        allowed_values: { type: 'array', description: 'The values allowed.' },
        allowed_pattern: { type: 'string', description: 'A regular expression the whole value must match.' },
        custom_constraint: { type: 'string', description: 'An OpenStack service check; hotdock does not run it.' },
        description: { type: 'string', description: 'Shown instead of the default message when the constraint fails.' },
    },
    oneOf: CONSTRAINT_KINDS.map((k) => ({ required: [k] })),
};
const parameter = {
    type: 'object', required: ['type'], additionalProperties: false, 'x-expected': 'a mapping with at least a type',
    properties: {
        type: doc('Type', 'string, number, comma_delimited_list, json or boolean.', { enum: ['string', 'number', 'comma_delimited_list', 'json', 'boolean'], 'x-expected': 'a parameter type' }),
        label: doc('Label', 'Short name shown to users.', ref('string')),
        description: doc('Description', 'What the parameter is for.', ref('string')),
        default: doc('Default', 'Value used when none is given; without one the parameter is required.', {}),
        hidden: doc('Hidden', 'A secret: its value is masked in logs and summaries.', ref('boolean')),
        constraints: doc('Constraints', 'Checks on the value.', { type: 'array', items: constraint, 'x-expected': 'a list of constraints' }),
        immutable: doc('Immutable', 'The value may not change on update.', ref('boolean')),
        tags: doc('Tags', 'Free-form tags.', { type: 'array', items: ref('string'), 'x-expected': 'a list of strings' }),
    },
};
const section = (title, description, schema) => doc(title, description, { ...schema, type: ['object', 'null'] });
/** The schema of a whole HOT template: see the module comment. */
const hotSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/hotdock/hotdock/raw/main/schema/hot.schema.json',
    title: 'HOT template for hotdock',
    description: `An OpenStack Heat (HOT) template of ${CONTAINER_TYPE} resources, as hotdock validates and deploys it.`,
    type: 'object',
    required: ['heat_template_version'],
    additionalProperties: false,
    'x-expected': 'a mapping of template sections',
    properties: {
        heat_template_version: doc('HOT version', 'Template format version, e.g. 2021-04-16 or wallaby.', { type: 'string', enum: VERSION_SPELLINGS }),
        description: doc('Description', 'What the template deploys.', ref('string')),
        parameter_groups: doc('Parameter groups', 'How user interfaces group parameters.', {
            type: ['array', 'null'], 'x-expected': 'a list of parameter groups',
            items: {
                type: 'object', additionalProperties: false, 'x-expected': 'a {label, description, parameters} mapping',
                properties: { label: ref('string'), description: ref('string'), parameters: { type: 'array', items: { type: 'string' }, 'x-expected': 'a list of parameter names' } },
            },
        }),
        parameters: section('Parameters', 'Inputs of the template, by name.', { additionalProperties: parameter, 'x-expected': 'a mapping of parameters' }),
        resources: section('Resources', 'The containers to run, by resource name.', { additionalProperties: resource, 'x-expected': 'a mapping of resources' }),
        outputs: section('Outputs', 'Values the run reports, by name.', {
            'x-expected': 'a mapping of outputs',
            additionalProperties: {
                type: 'object', required: ['value'], additionalProperties: false, 'x-expected': 'a mapping with a value',
                properties: {
                    value: doc('Value', 'The value, usually a function such as {get_attr: [web, network_ip]}.', {}),
                    description: doc('Description', 'What the output is.', ref('string')),
                    condition: doc('Condition', 'Report the output only when this condition holds.', ref('condition')),
                },
            },
        }),
        conditions: section('Conditions', 'Named conditions, e.g. prod: {equals: [{get_param: env}, prod]}.', { 'x-expected': 'a mapping of conditions' }),
    },
    definitions,
};

;// CONCATENATED MODULE: ./src/template/suggest.ts
/** "Did you mean …?" for misspelled names: property keys, sections, capabilities, functions. */
/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), so the common
 * slip of swapped letters ('imgae') costs one edit like a wrong letter does.
 */
function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[rows - 1][cols - 1];
}
// Words this short are within two edits of almost anything; a suggestion there is noise.
const MIN_PREFIX = 3;
/**
 * The candidate closest to `word`, compared case-insensitively: within two edits (and fewer
 * edits than the word has letters), else the shortest candidate that the word starts or is the
 * start of (`port` → `port_specs`). Undefined when nothing is close, or when `word` is itself a
 * candidate as written.
 */
function suggest(word, candidates) {
    if (candidates.includes(word))
        return undefined;
    const w = word.toLowerCase();
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const dist = editDistance(w, c.toLowerCase());
        if (dist <= 2 && dist < w.length && dist < bestDistance) {
            best = c;
            bestDistance = dist;
        }
    }
    if (best !== undefined)
        return best;
    if (w.length < MIN_PREFIX)
        return undefined;
    const prefixed = candidates.filter((c) => {
        const l = c.toLowerCase();
        return l.length >= MIN_PREFIX && (l.startsWith(w) || w.startsWith(l));
    });
    return prefixed.sort((x, y) => x.length - y.length)[0];
}

;// CONCATENATED MODULE: ./src/template/schema-messages.ts
/**
 * Turns one schema violation into a code and a sentence a user can act on: names the thing by
 * its place in the template ("property 'cmd' of resource 'web'"), says what it must be, and
 * suggests the closest valid name when there is one.
 */


const keyOf = (s) => (s && 'key' in s ? s.key : undefined);
function quote(s) {
    return `'${s.length > 60 ? s.slice(0, 57) + '...' : s}'`;
}
/** The value as a message shows it: strings quoted, scalars as written, containers by kind. */
function showValue(v) {
    if (typeof v === 'string')
        return quote(v);
    if (typeof v === 'number' || typeof v === 'boolean')
        return String(v);
    return kindOf(v);
}
/** "a string", "a mapping", ...: the kind of a value. */
function kindOf(v) {
    if (v === null || v === undefined)
        return 'an empty value';
    if (Array.isArray(v))
        return 'a list';
    if (v instanceof Date)
        return 'a date';
    if (typeof v === 'object')
        return 'a mapping';
    if (typeof v === 'boolean')
        return 'a boolean';
    return `a ${typeof v}`;
}
/** Names the node at `segments` the way a user thinks of it. */
function subjectOf(segments) {
    const [section, name, ...rest] = segments;
    const sec = keyOf(section);
    if (sec === undefined)
        return 'the template';
    if (name === undefined)
        return `the '${sec}' section`;
    const nameText = 'key' in name ? name.key : String(name.index + 1);
    let base;
    let tail = rest;
    if (sec === 'resources') {
        base = `resource '${nameText}'`;
        if (keyOf(rest[0]) === 'properties') {
            if (rest.length === 1)
                return `the properties of ${base}`;
            base = `property '${keyOf(rest[1])}' of ${base}`;
            tail = rest.slice(2);
        }
    }
    else if (sec === 'parameters') {
        base = `parameter '${nameText}'`;
        if (keyOf(rest[0]) === 'constraints' && rest[1] && 'index' in rest[1]) {
            base = `constraint ${rest[1].index + 1} of ${base}`;
            tail = rest.slice(2);
        }
    }
    else if (sec === 'outputs')
        base = `output '${nameText}'`;
    else if (sec === 'conditions')
        base = `condition '${nameText}'`;
    else if (sec === 'parameter_groups')
        base = `parameter group ${nameText}`;
    else
        base = `the '${sec}' section`;
    const words = tail.map((s) => ('key' in s ? `'${s.key}'` : `item ${s.index + 1}`)).reverse();
    return [...words, base].join(' of ');
}
/** "(did you mean 'x'?)" or ''. */
function didYouMean(word, candidates) {
    if (typeof word !== 'string')
        return '';
    const s = suggest(word, candidates);
    return s ? ` (did you mean '${s}'?)` : '';
}
/** For a one-key mapping whose key is a near miss of a function name: the hint that says so. */
function functionTypoHint(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return '';
    const keys = Object.keys(v);
    if (keys.length !== 1)
        return '';
    const s = suggest(keys[0], INTRINSIC_FUNCTIONS);
    return s ? ` ('${keys[0]}' is not a function; did you mean '${s}'?)` : '';
}
function expected(schema) {
    const x = schema['x-expected'];
    if (typeof x === 'string')
        return x;
    const t = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    return { string: 'a string', number: 'a number', integer: 'a whole number', object: 'a mapping', array: 'a list', boolean: 'true or false' }[String(t)] ?? 'something else';
}
/** Where in the template the violation sits, for picking a code. */
function place(segments) {
    if (keyOf(segments[0]) !== 'resources' || keyOf(segments[2]) !== 'properties' || segments.length < 4)
        return { depth: 0 };
    return { property: keyOf(segments[3]), depth: segments.length - 4, field: keyOf(segments[segments.length - 1]) };
}
function portWording(v) {
    const p = place(v.segments);
    const owner = subjectOf(v.segments.slice(0, 4));
    const parent = keyOf(v.segments[4]);
    let where;
    if (p.property === 'port_specs')
        where = `${showValue(v.data)} in ${owner}`;
    else if (v.isKey)
        where = `container port ${showValue(v.data)} in ${owner}`;
    else
        where = `host port ${showValue(v.data)} for container port '${parent}' in ${owner}`;
    return { code: 'invalid-port', message: `${where} is not a valid port; use ${expected(v.schema)}`, at: v.isKey ? 'key' : 'value' };
}
const VALUE_KEYWORDS = new Set(['type', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'enum', 'const', 'anyOf']);
function unknownKey(v) {
    const key = String(v.params.additionalProperty);
    const segs = v.segments;
    if (segs.length === 0) {
        return { code: 'unknown-section', at: 'key', message: `unknown section '${key}'${didYouMean(key, HOT_SECTIONS)}; a HOT template has only the sections ${HOT_SECTIONS.join(', ')}` };
    }
    const known = Object.keys(v.schema.properties ?? {});
    const fnHint = Object.keys(v.data).length === 1 ? functionTypoHint(v.data) : '';
    const dym = fnHint || didYouMean(key, known);
    if (segs.length === 3 && keyOf(segs[0]) === 'resources' && keyOf(segs[2]) === 'properties') {
        const why = dym || `; ${CONTAINER_TYPE} has no such property`;
        return { code: 'unknown-property', at: 'key', message: `unknown property '${key}' in resource '${keyOf(segs[1])}'${why}` };
    }
    let why = dym;
    if (!why && segs.length === 2 && keyOf(segs[0]) === 'resources') {
        const misplaced = CONTAINER_PROPERTIES.includes(key) ? ` ('${key}' goes under 'properties')` : '';
        why = `; a resource has only the keys ${known.join(', ')}${misplaced}`;
    }
    else if (!why && known.length > 0 && known.length <= 10)
        why = `; expected one of ${known.join(', ')}`;
    return { code: 'unknown-key', at: 'key', message: `unknown key '${key}' in ${subjectOf(segs)}${why}` };
}
function missing(v) {
    const m = String(v.params.missingProperty);
    const segs = v.segments;
    const sec = keyOf(segs[0]);
    const subject = subjectOf(segs);
    let message = `${subject} has no '${m}'`;
    if (sec === 'resources' && segs.length === 3 && m === 'image')
        message = `resource '${keyOf(segs[1])}' has no 'image': hotdock needs an image to run`;
    else if (sec === 'resources' && segs.length === 2 && m === 'properties')
        message = `${subject} has no 'properties': hotdock needs at least an 'image' to run`;
    else if (sec === 'resources' && segs.length === 2 && m === 'type')
        message = `${subject} has no 'type'; add 'type: ${CONTAINER_TYPE}'`;
    else if (sec === 'parameters' && segs.length === 2 && m === 'type')
        message = `${subject} has no 'type'; use one of string, number, comma_delimited_list, json or boolean`;
    else if (sec === 'outputs' && segs.length === 2 && m === 'value')
        message = `${subject} has no 'value'; e.g. value: {get_attr: [web, network_ip]}`;
    return { code: 'missing-required', at: 'key', message };
}
function badEnum(v) {
    const allowed = v.schema.enum?.map(String) ?? [];
    const segs = v.segments;
    const dym = didYouMean(v.data, allowed);
    const field = keyOf(segs[segs.length - 1]);
    if (field === 'deletion_policy' && v.data === 'Snapshot') {
        return { code: 'unsupported-deletion-policy', at: 'value', message: `deletion_policy 'Snapshot' of resource '${keyOf(segs[1])}' is not supported: a container has no snapshot; use Delete or Retain` };
    }
    if (allowed.length > 8) {
        // A long list (capabilities) helps nobody in a sentence: name what it is and the closest match.
        const last = segs[segs.length - 1];
        const owner = last && 'index' in last ? subjectOf(segs.slice(0, -1)) : subjectOf(segs);
        return { code: 'invalid-value', at: 'value', message: `${showValue(v.data)} in ${owner} is not ${expected(v.schema)}${dym}` };
    }
    const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed.join('');
    const choice = allowed.length > 2 ? `one of ${list}` : list;
    return { code: 'invalid-value', at: 'value', message: `${subjectOf(segs)} must be ${choice}, not ${showValue(v.data)}${dym}` };
}
/** The code and sentence for one violation. */
function wordingFor(v) {
    const p = place(v.segments);
    const subject = subjectOf(v.segments);
    if (v.keyword === 'additionalProperties')
        return unknownKey(v);
    if (v.keyword === 'required')
        return missing(v);
    if (VALUE_KEYWORDS.has(v.keyword)) {
        const isPort = (p.property === 'port_specs' && p.depth >= 1) || (p.property === 'port_bindings' && (v.isKey || p.depth >= 1));
        if (isPort)
            return portWording(v);
        if (p.property === 'devices' && (p.field === 'path_on_host' || p.field === 'path_in_container')) {
            return { code: 'invalid-device-path', at: 'value', message: `${subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
        }
    }
    switch (v.keyword) {
        case 'const':
            if (v.segments.length === 3 && keyOf(v.segments[2]) === 'type') {
                return { code: 'unsupported-resource-type', at: 'value', message: `unsupported resource type ${showValue(v.data)}: hotdock deploys ${CONTAINER_TYPE}${didYouMean(v.data, [CONTAINER_TYPE])}` };
            }
            return { code: 'invalid-value', at: 'value', message: `${subject} must be ${JSON.stringify(v.schema.const)}, not ${showValue(v.data)}` };
        case 'enum':
            return badEnum(v);
        case 'type':
        case 'anyOf': {
            const what = v.segments.length === 0 ? 'the template' : subject;
            let hint = functionTypoHint(v.data);
            if (!hint && p.property === 'env' && p.depth === 0 && kindOf(v.data) === 'a mapping')
                hint = '; write each variable as a list item, e.g. - KEY=VALUE';
            return { code: 'wrong-type', at: 'value', message: `${what} must be ${expected(v.schema)}, not ${kindOf(v.data)}${hint}` };
        }
        case 'pattern': {
            const coercion = COERCION_PATTERNS.includes(String(v.schema.pattern));
            return { code: coercion ? 'wrong-type' : 'invalid-value', at: v.isKey ? 'key' : 'value', message: `${v.isKey ? `key ${showValue(v.data)} of ${subject}` : subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
        }
        case 'oneOf': {
            // Only constraint items use oneOf: exactly one kind per item.
            const present = CONSTRAINT_KINDS.filter((k) => typeof v.data === 'object' && v.data !== null && k in v.data);
            const message = present.length === 0
                ? `${subject} names no kind of constraint; use one of ${CONSTRAINT_KINDS.join(', ')}`
                : `${subject} has ${present.map((k) => `'${k}'`).join(' and ')}; write each constraint as its own list item`;
            return { code: 'invalid-constraint', at: 'value', message };
        }
        case 'minimum':
        case 'maximum':
            return { code: 'invalid-value', at: 'value', message: `${subject} must be ${expected(v.schema)}, not ${showValue(v.data)}` };
        case 'minLength':
            return { code: 'invalid-value', at: v.isKey ? 'key' : 'value', message: `${v.isKey ? `a key of ${subject}` : subject} must not be empty` };
        case 'maxLength':
            return { code: 'invalid-value', at: 'value', message: `${subject} must be at most ${String(v.schema.maxLength)} characters long` };
        default:
            return { code: 'invalid-value', at: 'value', message: `${subject} is not valid here: it ${v.keyword === 'not' ? 'has a form that is not allowed' : `fails the '${v.keyword}' rule`}` };
    }
}

;// CONCATENATED MODULE: ./src/template/schema-check.ts
/**
 * The structural half of "validate": runs the HOT JSON Schema over the loaded document and turns
 * ajv's errors into one located, plain-sentence diagnostic per problem.
 */






let compiled;
/** The compiled schema; compiled on first use and kept, since compiling costs far more than validating. */
function schemaValidator() {
    if (!compiled) {
        // verbose: errors carry the failing schema (for its x-expected phrase) and the data.
        // inlineRefs and optimize off: a third of the compile time, at no measurable cost per check.
        const ajv = new dist_ajv.Ajv({
            allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true,
            inlineRefs: false, code: { optimize: false },
        });
        // Our annotation: the phrase for "must be …" in messages; it validates nothing.
        ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
        compiled = ajv.compile(hotSchema);
    }
    return compiled;
}
/** Pointers whose checks belong to other modules, so a problem is reported once. */
function delegated(e) {
    const p = e.instancePath;
    // The version check words these better (valid versions, Date values of unquoted dates).
    if (p.startsWith('/heat_template_version'))
        return true;
    if (p === '' && e.keyword === 'required' && e.params.missingProperty === 'heat_template_version')
        return true;
    // The body of each constraint kind is checked, with its own messages, by constraints.ts.
    return /^\/parameters\/[^/]+\/constraints\/\d+\/(?:length|range|modulo|allowed_values|allowed_pattern|custom_constraint)(?:\/|$)/.test(p);
}
// Refs are compiled as separate functions (inlining them costs more than half of the compile
// time), so errors inside the function schema carry paths relative to it: match the schema itself.
const isFunctionBranch = (e) => e.parentSchema === FUNCTION_SCHEMA || e.parentSchema === FUNCTION_SCHEMA.propertyNames;
const isUnder = (p, root) => p === root || p.startsWith(root + '/');
/**
 * Removes ajv's noise. Errors inside the "function call" alternative never help (the literal
 * form is what users mean); an anyOf that has an `x-expected` phrase stands for all its
 * alternatives, so everything at or below it goes; other anyOf wrappers add nothing to their
 * literal branch's own errors; an unknown key that is a misspelling of a missing one is one
 * problem, not two.
 */
function prune(errors) {
    let kept = errors.filter((e) => !isFunctionBranch(e) && !delegated(e) && e.keyword !== 'if' && e.keyword !== 'propertyNames');
    kept = kept.filter((e) => !(e.keyword === 'required' && e.schemaPath.includes('/oneOf/')));
    const collapsed = kept
        .filter((e) => e.keyword === 'anyOf' && typeof e.parentSchema?.['x-expected'] === 'string')
        .sort((a, b) => a.instancePath.length - b.instancePath.length);
    const roots = [];
    for (const c of collapsed)
        if (!roots.some((r) => isUnder(c.instancePath, r.instancePath)))
            roots.push(c);
    kept = kept.filter((e) => {
        const root = roots.find((r) => isUnder(e.instancePath, r.instancePath));
        return root ? e === root : e.keyword !== 'anyOf';
    });
    const unknownKeys = (path) => kept.filter((o) => o.keyword === 'additionalProperties' && o.instancePath === path).map((o) => String(o.params.additionalProperty));
    return kept.filter((e) => {
        if (e.keyword === 'oneOf')
            return unknownKeys(e.instancePath).length === 0;
        if (e.keyword !== 'required')
            return true;
        // A misspelled key ('valu', 'propertes') or a property written outside 'properties' is
        // the one problem; its unknown-key message already names the fix.
        const m = String(e.params.missingProperty);
        return !unknownKeys(e.instancePath).some((k) => suggest(k, [m]) === m || (m === 'properties' && CONTAINER_PROPERTIES.includes(k)));
    });
}
function unescapeSegment(s) {
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
/** Path segments of `pointer`, telling list indexes from mapping keys by walking the document. */
function segmentsOf(doc, pointer) {
    const out = [];
    let node = doc;
    for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
        const key = unescapeSegment(raw);
        if (Array.isArray(node)) {
            out.push({ index: Number(key) });
            node = node[Number(key)];
        }
        else {
            out.push({ key });
            node = typeof node === 'object' && node !== null ? node[key] : undefined;
        }
    }
    return out;
}
/** Turns a pruned ajv error into the violation the wording works on. */
function violationOf(doc, e) {
    let pointer = e.instancePath;
    let data = e.data;
    let isKey = false;
    // A key that breaks `propertyNames` (a bad container port): the problem is the key itself.
    if (e.propertyName !== undefined) {
        pointer = `${pointer}/${(0,types/* escapePointer */.lZ)(e.propertyName)}`;
        data = e.propertyName;
        isKey = true;
    }
    const segments = segmentsOf(doc, pointer);
    const violation = {
        keyword: e.keyword,
        segments,
        data,
        schema: (e.parentSchema ?? {}),
        params: e.params,
        isKey,
    };
    // Unknown keys and missing ones are reported at the key they concern.
    if (e.keyword === 'additionalProperties')
        pointer = `${pointer}/${(0,types/* escapePointer */.lZ)(String(e.params.additionalProperty))}`;
    return { pointer, violation };
}
/**
 * Checks the template's structure against the HOT schema: sections, parameter and output
 * definitions, resource keys, and every DockerInc::Docker::Container property with its format.
 * Intrinsic function calls are accepted wherever a value may be; their arguments are not looked into.
 */
function checkSchema(tpl) {
    const validate = schemaValidator();
    if (validate(tpl.doc))
        return [];
    const out = [];
    const seen = new Set();
    for (const e of prune(validate.errors ?? [])) {
        const { pointer, violation } = violationOf(tpl.doc, e);
        const w = wordingFor(violation);
        const id = `${pointer}\u0000${w.code}`;
        if (seen.has(id))
            continue;
        seen.add(id);
        out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, pointer, w.code, w.message, 'error', w.at));
    }
    return out;
}

// EXTERNAL MODULE: ./src/template/versions.ts
var versions = __nccwpck_require__(9481);
// EXTERNAL MODULE: ./src/template/parameters.ts + 2 modules
var parameters = __nccwpck_require__(7191);
;// CONCATENATED MODULE: ./src/template/environment.ts



/** Sections Heat accepts in an environment file. */
const ENVIRONMENT_SECTIONS = [
    'parameters',
    'parameter_defaults',
    'resource_registry',
    'encrypted_param_names',
    'parameter_merge_strategies',
    'event_sinks',
];
/** True when the text holds no YAML content: whitespace, comments and document markers only. */
function isBlank(text) {
    return text.split(/\r?\n/).every((line) => /^\s*(?:---|\.\.\.)?\s*(?:#.*)?$/.test(line));
}
/** Positions for an empty file: everything is at 1:1. */
function emptyPositions() {
    const start = () => ({ line: 1, column: 1 });
    return { value: () => undefined, key: () => undefined, locate: start };
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * Parses an environment file. Unknown sections and a `parameters`/`parameter_defaults` that is
 * not a mapping are errors; `resource_registry` is accepted but ignored (with a warning), since
 * hotdock deploys one resource type and has no nested stacks.
 */
function parseEnvironmentFile(text, file) {
    // An empty file (or only comments) is a valid, empty environment in Heat; the loader,
    // made for templates, would refuse it.
    if (isBlank(text)) {
        return { env: { file, parameters: {}, parameterDefaults: {}, positions: emptyPositions() }, diagnostics: [] };
    }
    const loaded = loadTemplate(text, file);
    if (!loaded.ok) {
        // The loader's "not a mapping" speaks of templates: say what an environment file must be.
        return {
            diagnostics: loaded.diagnostics.map((d) => d.code === 'not-a-mapping'
                ? { ...d, code: 'invalid-environment', message: `environment file '${file}' must be a mapping of sections (parameters, parameter_defaults, ...)` }
                : d),
        };
    }
    const { doc, positions } = loaded.template;
    const at = { file, positions };
    const diagnostics = [];
    if (!isMapping(doc)) {
        diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, '', 'invalid-environment', `environment file '${file}' must be a mapping of sections (parameters, parameter_defaults, ...)`));
        return { diagnostics };
    }
    const sections = { parameters: {}, parameter_defaults: {} };
    for (const [key, value] of Object.entries(doc)) {
        const ptr = (0,types/* pointer */.Wn)(key);
        if (!ENVIRONMENT_SECTIONS.includes(key)) {
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, ptr, 'unknown-environment-section', `environment file '${file}' has an unknown section '${key}'; valid sections are ${ENVIRONMENT_SECTIONS.join(', ')}`, 'error', 'key'));
            continue;
        }
        if (key === 'parameters' || key === 'parameter_defaults') {
            if (value === null || value === undefined)
                continue;
            if (!isMapping(value)) {
                diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, ptr, 'invalid-environment-section', `the '${key}' section of environment file '${file}' must be a mapping of parameter names to values`));
                continue;
            }
            sections[key] = value;
        }
        else if (key === 'resource_registry') {
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(at, ptr, 'ignored-environment-section', `the resource_registry section of environment file '${file}' is ignored: hotdock deploys DockerInc::Docker::Container resources only`, 'warning', 'key'));
        }
    }
    return {
        env: { file, parameters: sections.parameters, parameterDefaults: sections.parameter_defaults, positions },
        diagnostics,
    };
}

// EXTERNAL MODULE: ./src/template/resolve.ts + 13 modules
var resolve = __nccwpck_require__(7175);
// EXTERNAL MODULE: ./src/docker/coerce.ts
var coerce = __nccwpck_require__(9271);
// EXTERNAL MODULE: ./src/docker/create-options.ts
var create_options = __nccwpck_require__(5533);
// EXTERNAL MODULE: ./src/docker/endpoint-url.ts
var endpoint_url = __nccwpck_require__(7859);
// EXTERNAL MODULE: ./src/docker/ports.ts
var docker_ports = __nccwpck_require__(2092);
// EXTERNAL MODULE: ./src/template/functions/spec.ts
var functions_spec = __nccwpck_require__(577);
;// CONCATENATED MODULE: ./src/template/docker-checks.ts









const DEVICE_PATH = /^\/dev\/[/_\-a-zA-Z0-9]+$/;
const DEVICE_PERMISSIONS = ['r', 'w', 'm', 'rw', 'rm', 'wm', 'rwm'];
const RESTART_POLICIES = ['no', 'on-failure', 'always'];
const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** Every property of DockerInc::Docker::Container (a function can build the properties map). */
const KNOWN_PROPERTIES = [
    'docker_endpoint', 'image', 'name', 'hostname', 'user', 'memory', 'cmd', 'env', 'port_specs', 'port_bindings', 'links',
    'volumes', 'volumes_from', 'privileged', 'tty', 'open_stdin', 'stdin_once', 'dns', 'restart_policy', 'cap_add', 'cap_drop',
    'read_only', 'cpu_shares', 'cpu_set', 'devices',
];
function docker_checks_unescapeSegment(s) {
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
function isFunctionNode(v) {
    const key = (0,functions_spec/* soleKey */.ze)(v);
    return key !== undefined && INTRINSIC_FUNCTIONS.includes(key);
}
/**
 * True when the value at `ptr` came from a function: the template node there, or an ancestor
 * from `properties` down, is a function call, or the node does not exist in the source at all
 * (a function built the list or map around it).
 */
function fromFunction(doc, ptr) {
    const segments = ptr.split('/').slice(1).map(docker_checks_unescapeSegment);
    let node = doc;
    for (let i = 0; i < segments.length; i++) {
        // resources/<name>/properties is depth 3: only property values can be function results.
        if (i >= 3 && isFunctionNode(node))
            return true;
        if (Array.isArray(node))
            node = node[Number(segments[i])];
        else if ((0,functions_spec/* isMap */.jh)(node) && Object.prototype.hasOwnProperty.call(node, segments[i]))
            node = node[segments[i]];
        else
            return true;
    }
    return isFunctionNode(node);
}
/** Collects diagnostics for one resource, remembering which properties already have one. */
class ResourceChecker {
    tpl;
    res;
    out;
    base;
    flagged = new Set();
    constructor(tpl, res, out) {
        this.tpl = tpl;
        this.res = res;
        this.out = out;
        this.base = `${res.pointer}/properties`;
    }
    ptr(...segments) {
        return this.base + segments.map((s) => '/' + (0,types/* escapePointer */.lZ)(s)).join('');
    }
    /** Whether a per-value check should look at `ptr` (function results only). */
    computed(ptr) {
        return fromFunction(this.tpl.doc, ptr);
    }
    report(property, ptr, code, message) {
        this.flagged.add(property);
        this.out.push((0,diagnostic_factory/* diagnosticAt */.R)(this.tpl, ptr, code, `resource '${this.res.name}': ${message}`));
    }
}
function checkEndpoint(c, settings) {
    const raw = c.res.properties.docker_endpoint;
    if (raw === undefined || raw === null || (0,functions_spec/* containsRuntime */.yk)(raw))
        return;
    const ptr = c.ptr('docker_endpoint');
    if (typeof raw !== 'string') {
        c.report('docker_endpoint', ptr, 'invalid-endpoint', `docker_endpoint must be a URL or an endpoint name, got ${JSON.stringify(raw)}`);
        return;
    }
    if (settings.endpointNames.includes(raw))
        return;
    const parsed = (0,endpoint_url/* parseEndpointUrl */.yN)(raw);
    if (parsed.ok)
        return;
    const names = settings.endpointNames.length > 0 ? ` or one of the endpoint names (${settings.endpointNames.join(', ')})` : '';
    c.report('docker_endpoint', ptr, 'invalid-endpoint', `${parsed.message}${names}`);
}
function checkPorts(c) {
    const { port_specs: specs, port_bindings: bindings } = c.res.properties;
    if (Array.isArray(specs)) {
        specs.forEach((spec, i) => {
            if ((0,functions_spec/* containsRuntime */.yk)(spec) || !c.computed(c.ptr('port_specs', i)))
                return;
            const r = (0,docker_ports/* parsePortSpec */.qy)(spec);
            if (!r.ok)
                c.report('port_specs', c.ptr('port_specs', i), 'invalid-port', `port_specs: ${r.message}`);
        });
    }
    if (!(0,functions_spec/* isMap */.jh)(bindings))
        return;
    for (const key of Object.keys(bindings)) {
        const ptr = c.ptr('port_bindings', key);
        if ((0,functions_spec/* containsRuntime */.yk)(bindings[key]) || !c.computed(ptr))
            continue;
        const r = (0,docker_ports/* parsePortBindings */.Zi)({ [key]: bindings[key] });
        if (!r.ok)
            c.report('port_bindings', ptr, 'invalid-port', `port_bindings: ${r.message}`);
    }
}
function checkCapabilities(c) {
    for (const prop of ['cap_add', 'cap_drop']) {
        const list = c.res.properties[prop];
        if (!Array.isArray(list))
            continue;
        list.forEach((cap, i) => {
            const ptr = c.ptr(prop, i);
            if (typeof cap !== 'string' || !c.computed(ptr))
                return;
            if (LINUX_CAPABILITIES.includes(cap))
                return;
            const hint = suggest(cap.toUpperCase().replace(/^CAP_/, ''), LINUX_CAPABILITIES);
            c.report(prop, ptr, 'invalid-capability', `${prop}: unknown capability '${cap}'${hint ? `; did you mean '${hint}'?` : ''}`);
        });
    }
}
function checkDevices(c) {
    const list = c.res.properties.devices;
    if (!Array.isArray(list))
        return;
    list.forEach((dev, i) => {
        if (!(0,functions_spec/* isMap */.jh)(dev))
            return;
        for (const field of ['path_on_host', 'path_in_container']) {
            const ptr = c.ptr('devices', i, field);
            const value = dev[field];
            if (value === undefined || typeof value !== 'string' || !c.computed(ptr))
                continue;
            if (!DEVICE_PATH.test(value) || value.length > 255) {
                c.report('devices', ptr, 'invalid-device-path', `devices: ${field} '${value}' is not a device path like /dev/sda (letters, digits, '/', '_', '-'; at most 255 characters)`);
            }
        }
        const perms = dev.permissions;
        const ptr = c.ptr('devices', i, 'permissions');
        if (typeof perms === 'string' && c.computed(ptr) && !DEVICE_PERMISSIONS.includes(perms)) {
            c.report('devices', ptr, 'invalid-device-permissions', `devices: permissions '${perms}' must be one of ${DEVICE_PERMISSIONS.join(', ')}`);
        }
    });
}
function checkRestartPolicy(c) {
    const policy = c.res.properties.restart_policy;
    // A deploy-time value (a reference, or a call kept for deploy time) cannot be judged now.
    if (!(0,functions_spec/* isMap */.jh)(policy) || (0,functions_spec/* containsRuntime */.yk)(policy))
        return;
    const name = policy.Name;
    const namePtr = c.ptr('restart_policy', 'Name');
    if (typeof name === 'string' && c.computed(namePtr) && !RESTART_POLICIES.includes(name)) {
        c.report('restart_policy', namePtr, 'invalid-restart-policy', `restart_policy: Name '${name}' must be one of ${RESTART_POLICIES.join(', ')}`);
        return;
    }
    // Docker refuses retries with any policy but on-failure; the schema cannot relate the two fields.
    const count = policy.MaximumRetryCount;
    const retries = typeof count === 'number' ? count : typeof count === 'string' && /^\s*\+?\d+\s*$/.test(count) ? Number(count) : 0;
    if (retries > 0 && name !== 'on-failure') {
        c.report('restart_policy', c.ptr('restart_policy', 'MaximumRetryCount'), 'invalid-restart-policy', `restart_policy: MaximumRetryCount only applies to Name 'on-failure' (got '${String(name ?? 'no')}'); Docker refuses it otherwise`);
    }
}
/** Docker's smallest memory limit (20.10: "Minimum memory limit allowed is 6MB"). */
const MIN_MEMORY = 6 * 1024 * 1024;
/**
 * `memory` is in bytes; a value under Docker's minimum is almost always megabytes written as bytes.
 * The schema cannot know the engine's minimum, so this runs on literal values too.
 */
function checkMemory(c) {
    const raw = c.res.properties.memory;
    const bytes = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\+?\d+\s*$/.test(raw) ? Number(raw) : undefined;
    if (bytes === undefined || bytes === 0 || bytes >= MIN_MEMORY)
        return;
    c.report('memory', c.ptr('memory'), 'invalid-memory', `memory is in bytes and Docker's minimum is 6 MiB (6291456); ${bytes} bytes is less (for ${bytes} MiB write ${bytes * 1024 * 1024})`);
}
/**
 * Function results of every other property: the same coercion the create body applies, so a
 * parameter that yields "yes" for a boolean fails here instead of in the middle of a deploy.
 */
function checkCoercion(c) {
    for (const [prop, value] of Object.entries(c.res.properties)) {
        if (c.flagged.has(prop) || prop === 'docker_endpoint' || (0,functions_spec/* containsRuntime */.yk)(value))
            continue;
        const ptr = c.ptr(prop);
        if (!c.computed(ptr))
            continue;
        if (!KNOWN_PROPERTIES.includes(prop)) {
            const hint = suggest(prop, KNOWN_PROPERTIES);
            c.report(prop, ptr, 'invalid-property-value', `unknown property '${prop}'${hint ? `; did you mean '${hint}'?` : ''}`);
            continue;
        }
        if (prop === 'name') {
            if ((typeof value !== 'string' && typeof value !== 'number') || !CONTAINER_NAME.test(String(value))) {
                c.report(prop, ptr, 'invalid-property-value', `name ${JSON.stringify(value) ?? String(value)} is not a container name (two or more letters, digits, '_', '.' or '-', starting with a letter or digit)`);
            }
            continue;
        }
        const single = { ...c.res, properties: prop === 'image' ? { image: value } : { image: 'x', [prop]: value } };
        try {
            (0,create_options/* toCreateBody */.c)(single, { stackName: '', containerName: '', labels: {} });
        }
        catch (e) {
            if (!(e instanceof coerce/* PropertyError */.er))
                throw e;
            c.report(prop, ptr, 'invalid-property-value', e.message);
        }
    }
}
/** Where a resource runs, as a comparable key; undefined when placement decides. */
function endpointKey(res, settings) {
    const raw = res.properties.docker_endpoint;
    let text;
    if (raw === undefined || raw === null || raw === '') {
        // With several named endpoints, placement spreads unnamed resources: their host is unknown here.
        if (settings.endpointNames.length >= 2)
            return undefined;
        text = settings.defaultEndpoint;
    }
    else if (typeof raw === 'string') {
        text = raw;
    }
    else {
        return undefined;
    }
    if (settings.endpointNames.includes(text))
        return { key: `name:${text}`, shown: text };
    const parsed = (0,endpoint_url/* parseEndpointUrl */.yN)(text);
    return { key: parsed.ok ? JSON.stringify(parsed.endpoint) : text, shown: text };
}
const WILDCARD_IPS = ['', '0.0.0.0', '::'];
const ipsOverlap = (a, b) => a === b || WILDCARD_IPS.includes(a) || WILDCARD_IPS.includes(b);
function checkCrossResource(tpl, stack, settings, out) {
    const names = new Map();
    const ports = new Map();
    for (const res of stack.resources) {
        if (res.type !== CONTAINER_TYPE)
            continue;
        const endpoint = endpointKey(res, settings);
        if (!endpoint)
            continue;
        const base = `${res.pointer}/properties`;
        const name = typeof res.properties.name === 'string' || typeof res.properties.name === 'number' || res.properties.name === undefined
            ? (0,create_options/* containerNameFor */.e)(res, stack.stackName) : undefined;
        if (name !== undefined) {
            const nameKey = `${endpoint.key}\n${name}`;
            const first = names.get(nameKey);
            if (first !== undefined) {
                const hasName = res.properties.name !== undefined;
                out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, hasName ? `${base}/name` : res.pointer, 'duplicate-container-name', `resource '${res.name}': container name '${name}' is already used by resource '${first}' on endpoint '${endpoint.shown}'`, 'error', hasName ? 'value' : 'key'));
            }
            else {
                names.set(nameKey, res.name);
            }
        }
        const bindings = res.properties.port_bindings;
        if (!(0,functions_spec/* isMap */.jh)(bindings))
            continue;
        const claims = ports.get(endpoint.key) ?? [];
        ports.set(endpoint.key, claims);
        for (const rawKey of Object.keys(bindings)) {
            if ((0,functions_spec/* containsRuntime */.yk)(bindings[rawKey]))
                continue;
            const parsed = (0,docker_ports/* parsePortBindings */.Zi)({ [rawKey]: bindings[rawKey] });
            if (!parsed.ok)
                continue;
            const [containerPort, list] = Object.entries(parsed.bindings)[0];
            const protocol = containerPort.split('/')[1];
            list.forEach((b, i) => {
                if (b.HostPort === '')
                    return;
                const clash = claims.find((cl) => cl.hostPort === b.HostPort && cl.protocol === protocol && ipsOverlap(cl.hostIp, b.HostIp));
                if (clash) {
                    const at = `${base}/port_bindings/${(0,types/* escapePointer */.lZ)(rawKey)}${Array.isArray(bindings[rawKey]) ? `/${i}` : ''}`;
                    const where = b.HostIp === '' ? 'all addresses' : b.HostIp;
                    out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'duplicate-host-port', `resource '${res.name}': host port ${b.HostPort}/${protocol} on ${where} is already bound by resource '${clash.resource}' on endpoint '${endpoint.shown}'`));
                }
                else {
                    claims.push({ resource: res.name, hostIp: b.HostIp, hostPort: b.HostPort, protocol });
                }
            });
        }
    }
}
/**
 * Docker-level checks of a resolved stack: endpoint syntax, ports, capabilities, device paths,
 * restart policies, the memory minimum and coercible values (mostly function results only; see
 * the module comment), then duplicate container names and host ports per endpoint, reported at
 * the second occurrence.
 */
function checkDockerResources(tpl, stack, settings) {
    const out = [];
    for (const res of stack.resources) {
        if (res.type !== CONTAINER_TYPE)
            continue;
        const c = new ResourceChecker(tpl, res, out);
        checkEndpoint(c, settings);
        checkPorts(c);
        checkCapabilities(c);
        checkDevices(c);
        checkRestartPolicy(c);
        checkMemory(c);
        checkCoercion(c);
    }
    checkCrossResource(tpl, stack, settings, out);
    return out;
}

;// CONCATENATED MODULE: ./src/template/validate.ts
/**
 * The template half of the pipeline: load → schema → version → parameters → semantics →
 * resolve → Docker-level checks. Pure but for reading files through `io`.
 */









/** A problem with a file as a whole (not found, outside the workspace), at 1:1. */
function fileProblem(file, code, message) {
    return { file, line: 1, column: 1, path: '', code, message, severity: 'error' };
}
/** Resolves a workspace-relative path, refusing anything that leaves the workspace. */
function insideWorkspace(workspace, path) {
    const abs = (0,external_node_path_.resolve)(workspace, path);
    const rel = (0,external_node_path_.relative)(workspace, abs);
    return rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel) ? undefined : abs;
}
function readEnvironments(settings, io, out) {
    const envs = [];
    for (const file of settings.environmentFiles) {
        const abs = insideWorkspace(settings.workspace, file);
        if (!abs) {
            out.push(fileProblem(file, 'file-outside-workspace', `environment file '${file}' is outside the workspace`));
            continue;
        }
        let text;
        try {
            text = io.readFile(abs);
        }
        catch {
            out.push(fileProblem(file, 'file-not-found', `environment file '${file}' cannot be read`));
            continue;
        }
        const parsed = parseEnvironmentFile(text, file);
        out.push(...parsed.diagnostics);
        if (parsed.env)
            envs.push(parsed.env);
    }
    return envs;
}
/** Validates and resolves the template named by `settings.template`. Never throws for template problems. */
function validateTemplateFile(settings, io) {
    const file = settings.template;
    const abs = insideWorkspace(settings.workspace, file);
    if (!abs) {
        return { diagnostics: [fileProblem(file, 'file-outside-workspace', `template '${file}' is outside the workspace`)], secrets: [] };
    }
    let text;
    try {
        text = io.readFile(abs);
    }
    catch {
        return { diagnostics: [fileProblem(file, 'file-not-found', `template '${file}' cannot be read (is the path relative to the workspace?)`)], secrets: [] };
    }
    return validateTemplateText(text, settings, io);
}
/** Same as validateTemplateFile, for text already read (benches, editors). */
function validateTemplateText(text, settings, io) {
    const loaded = loadTemplate(text, settings.template);
    if (!loaded.ok)
        return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(loaded.diagnostics), secrets: [] };
    const tpl = loaded.template;
    const diagnostics = [...checkSchema(tpl)];
    const { version, diagnostics: versionProblems } = (0,versions/* checkVersion */.ps)(tpl);
    diagnostics.push(...versionProblems);
    if (!version)
        return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics), secrets: [] };
    diagnostics.push(...(0,versions/* checkVersionFeatures */.gk)(tpl, version));
    const environments = readEnvironments(settings, io, diagnostics);
    const params = (0,parameters/* resolveParameters */.O)(tpl, version, { values: settings.parameters, source: "the 'parameters' input" }, environments, { stackName: settings.stackName });
    diagnostics.push(...params.diagnostics);
    const secrets = params.hidden
        .map((name) => params.values[name])
        .filter((v) => v !== undefined && v !== null && String(v) !== '')
        .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    const doc = tpl.doc;
    const definitions = (doc.parameters && typeof doc.parameters === 'object' ? doc.parameters : {});
    const templateDir = { workspace: settings.workspace, readFile: (p) => io.readFile(p) };
    diagnostics.push(...(0,resolve/* checkTemplateSemantics */.SP)(tpl, version, { values: params.values, definitions }, templateDir));
    if ((0,src_diagnostics/* hasErrors */.C)(diagnostics))
        return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics), secrets };
    const resolved = (0,resolve/* resolveStack */.b9)(tpl, version, { values: params.values, hidden: params.hidden }, {
        ...templateDir,
        stackName: settings.stackName,
    });
    diagnostics.push(...resolved.diagnostics);
    if (resolved.stack) {
        diagnostics.push(...checkDockerResources(tpl, resolved.stack, {
            defaultEndpoint: settings.dockerEndpoint,
            endpointNames: Object.keys(settings.endpoints),
        }));
    }
    const ok = !(0,src_diagnostics/* hasErrors */.C)(diagnostics);
    return { diagnostics: (0,src_diagnostics/* sortDiagnostics */.D)(diagnostics), stack: ok ? resolved.stack : undefined, secrets };
}

;// CONCATENATED MODULE: ./src/pipeline.ts
/**
 * One pass through the engine, shared by the action (main.ts) and the CLI (cli.ts): validate,
 * then plan/deploy/destroy. Free of @actions/core (and its HTTP client), which the CLI never
 * needs, and of the Docker modules until a mode needs them: `hotdock validate` starts fast.
 */





/** Template files come from the local disk, for the action and the CLI alike. */
const nodeIO = { readFile: (absPath) => (0,external_node_fs_.readFileSync)(absPath, 'utf8') };
/**
 * Loads the deploy stages on first use: dockerode and ssh2 are most of the bundle, and
 * `validate` needs neither. The bundler puts them in a chunk beside dist/index.js; ssh2 reads
 * the CommonJS `__dirname` while loading, which only index.js defines (scripts/bundle.mjs), so
 * the chunk finds it as a global, pointing at the same directory.
 */
async function loadRunStack() {
    const g = globalThis;
    g.__dirname ??= (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    return (await Promise.all(/* import() */[__nccwpck_require__.e(40), __nccwpck_require__.e(669)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2669))).runStack;
}
/** The real stages. */
const realStages = {
    validate: validateTemplateFile,
    runStack: async (settings, stack, log) => (await loadRunStack())(settings, stack, log),
};
/**
 * Validates, then (unless mode is validate) runs the stack. A template with any error deploys
 * nothing. `onValidated` runs between the two, so annotations appear before deploy progress.
 * Docker failures inside runStack come back in the report; anything thrown propagates.
 */
async function runPipeline(settings, log, hooks = {}) {
    const stages = hooks.stages ?? realStages;
    const validation = stages.validate(settings, nodeIO);
    const { diagnostics, secrets } = validation;
    hooks.onValidated?.(diagnostics, secrets);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if ((0,src_diagnostics/* hasErrors */.C)(diagnostics) || !validation.stack) {
        const what = settings.mode === 'validate' ? '' : settings.mode === 'destroy' ? ': nothing was removed' : ': nothing was deployed';
        return { diagnostics, secrets, error: `The template ${settings.template} has ${errors} error${errors === 1 ? '' : 's'}${what}` };
    }
    if (settings.mode === 'validate')
        return { diagnostics, secrets };
    const report = await stages.runStack(settings, validation.stack, log);
    return {
        diagnostics,
        secrets,
        report,
        ...(report.result === 'failure' ? { error: report.error ?? `${settings.mode} failed` } : {}),
    };
}


/***/ }),

/***/ 2011:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $D: () => (/* binding */ renderPlanText),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   ii: () => (/* binding */ countDiagnostics),
/* harmony export */   xy: () => (/* binding */ formatDiagnostic)
/* harmony export */ });
/* harmony import */ var _deploy_plan_text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1450);

/** `file:line:column: error: message`, the form compilers use (and editors jump to). */
function formatDiagnostic(d) {
    return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
/**
 * The plan as text: the deploy stage's format (one aligned line per step, then the counts), so
 * the log, the summary and the CLI show the same lines. Golden tests pin that format.
 */
function renderPlanText(plan) {
    return (0,_deploy_plan_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlan */ .n)(plan.map((e) => ({ ...e, dependsOn: [] })));
}
/** `0.4 s`, `12 s`: precise where it matters, short where it does not. */
function formatSeconds(seconds) {
    if (seconds === undefined || !Number.isFinite(seconds))
        return '';
    return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
/** `N error(s), M warning(s)` with proper plurals. */
function countDiagnostics(diagnostics) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}


/***/ }),

/***/ 9488:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   FI: () => (/* binding */ redactValue),
/* harmony export */   YH: () => (/* binding */ registryCredentialSecrets),
/* harmony export */   rL: () => (/* binding */ maskPem)
/* harmony export */ });
/* unused harmony export MASK */
/* harmony import */ var _docker_registry_auth_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8516);

/** Shown in place of a secret, as Heat shows hidden parameters. */
const MASK = '******';
/** PEM armour lines are public; masking them would blank every certificate in the log too. */
const PEM_ARMOUR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;
/**
 * Registers a PEM (or OpenSSH) key: the whole text, and each body line, because the runner
 * matches line by line and a multi-line value is otherwise never found in a one-line log entry.
 */
function maskPem(text, mask) {
    mask(text);
    for (const line of text.split(/\r?\n/)) {
        const l = line.trim();
        if (l.length >= 8 && !PEM_ARMOUR.test(l))
            mask(l);
    }
}
/**
 * Every form a registry password travels in: itself, base64 of it, `user:password` in base64
 * (the `auth` field of a Docker config), and the base64url JSON of the X-Registry-Auth header.
 */
function registryCredentialSecrets(cred, host) {
    const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
    const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
    const header = JSON.stringify({ username: cred.username, password: cred.password, serveraddress: host });
    const own = [cred.password, b64(cred.password), b64(`${cred.username}:${cred.password}`), b64(header), b64url(header)];
    // Plus the exact forms the image module sends, whatever its JSON field order.
    return [...new Set([...own, ...(0,_docker_registry_auth_js__WEBPACK_IMPORTED_MODULE_0__/* .registryAuthSecrets */ .hQ)({ [host]: cred })])].filter((s) => s !== '');
}
/**
 * Replaces every occurrence of each secret with MASK, longest first so a secret that contains
 * another is hidden whole. Very short values are skipped: masking "1" would mangle all text.
 */
function redact(text, secrets) {
    const list = [...new Set(secrets.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of list)
        out = out.split(s).join(MASK);
    return out;
}
/** Deep copy of a JSON-like value with every string redacted (template outputs, report data). */
function redactValue(value, secrets) {
    if (secrets.length === 0)
        return value;
    if (typeof value === 'string')
        return redact(value, secrets);
    if (Array.isArray(value))
        return value.map((v) => redactValue(v, secrets));
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets)]));
    }
    return value;
}


/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ outputValues)
/* harmony export */ });
/* harmony import */ var _mask_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9488);

/**
 * Pure: outputs for a run. Without a report (validate mode, template errors) nothing changed;
 * `failed` marks a failure that happened outside the report. Hidden values are masked in `outputs`:
 * the runner drops an output that contains a registered secret, which would lose the whole JSON.
 */
function outputValues(report, failed, secrets = []) {
    const strip = ({ seconds: _seconds, ...rest }) => rest;
    const resources = report ? Object.fromEntries(Object.entries(report.resources).map(([k, v]) => [k, strip({ ...v })])) : {};
    return {
        result: failed || report?.result === 'failure' ? 'failure' : 'success',
        changed: report?.changed ? 'true' : 'false',
        resources: JSON.stringify(resources),
        outputs: JSON.stringify((0,_mask_js__WEBPACK_IMPORTED_MODULE_0__/* .redactValue */ .FI)(report?.outputs ?? {}, [...secrets])),
        plan: JSON.stringify(report?.plan ?? []),
    };
}


/***/ }),

/***/ 4902:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BT: () => (/* binding */ parsePull),
/* harmony export */   EJ: () => (/* binding */ parsePositiveInt),
/* harmony export */   LE: () => (/* binding */ checkEndpointUrl),
/* harmony export */   Qk: () => (/* binding */ checkStackName),
/* harmony export */   TJ: () => (/* binding */ DEFAULT_DOCKER_ENDPOINT),
/* harmony export */   Zo: () => (/* binding */ defaultStackName),
/* harmony export */   Zx: () => (/* binding */ parseMode),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yL: () => (/* binding */ oneOf),
/* harmony export */   zY: () => (/* binding */ DEFAULTS)
/* harmony export */ });
/* unused harmony export parseChoice */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _docker_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7859);
/**
 * Checks and defaults shared by the action's inputs (inputs.ts) and the CLI's flags (cli.ts).
 * Free of @actions/core on purpose: the CLI loads this, and its start-up time is measured.
 */


/** The socket every Docker client falls back to. */
const DEFAULT_DOCKER_ENDPOINT = 'unix:///var/run/docker.sock';
/** Defaults of the inputs that the CLI has no flag for; action.yml declares the same. */
const DEFAULTS = {
    mode: 'deploy',
    pull: 'missing',
    prune: true,
    rollback: true,
    waitTimeout: 60,
    maxParallel: 8,
    lockTimeout: 300,
};
const MODES = ['validate', 'plan', 'deploy', 'destroy'];
const PULL_POLICIES = ['missing', 'always', 'never'];
/** An input or flag a user got wrong: the message says which, the value, and what is expected. */
class InputError extends Error {
    name = 'InputError';
}
/** "a, b or c" for error messages. */
function oneOf(values) {
    return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
/** Checks a value against a closed list. */
function parseChoice(what, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new InputError(`Invalid ${what}: '${value}'. Expected ${oneOf(allowed)}`);
}
/** validate | plan | deploy | destroy. */
function parseMode(value, what = "input 'mode'") {
    return parseChoice(what, value, MODES);
}
/** missing | always | never. */
function parsePull(value, what = "input 'pull'") {
    return parseChoice(what, value, PULL_POLICIES);
}
/** true/false in any case, as core.getBooleanInput accepts (YAML 1.2 core schema). */
function parseBoolean(name, value) {
    if (/^true$/i.test(value))
        return true;
    if (/^false$/i.test(value))
        return false;
    throw new InputError(`Invalid input '${name}': '${value}'. Expected true or false`);
}
/** A whole number ≥ 1 (seconds, counts). */
function parsePositiveInt(name, value) {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
        throw new InputError(`Invalid input '${name}': '${value}'. Expected a positive integer`);
    }
    return Number(value);
}
/**
 * `<prefix>-<template name without extension>`, lower-cased, anything other than [a-z0-9_.-]
 * turned into '-'. Leading separators go too: Docker refuses container names that start with one.
 */
function defaultStackName(prefix, template) {
    const name = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(template, (0,node_path__WEBPACK_IMPORTED_MODULE_0__.extname)(template));
    const raw = prefix ? `${prefix}-${name}` : name;
    return raw.toLowerCase().replace(/[^a-z0-9_.-]/g, '-').replace(/^[_.-]+/, '') || 'stack';
}
/** A given stack name must make valid container names (`<stack>-<resource>`). */
function checkStackName(name, what = "input 'stack-name'") {
    if (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name))
        return name;
    throw new InputError(`Invalid ${what}: '${name}'. Expected letters, digits, '_', '.' or '-', starting with a letter or digit`);
}
/** Syntax check with the Docker modules' one endpoint parser, so a typo fails early, naming its source. */
function checkEndpointUrl(url, what) {
    const parsed = (0,_docker_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEndpointUrl */ .yN)(url);
    if (parsed.ok)
        return url;
    throw new InputError(`${parsed.message} (in ${what})`);
}


/***/ }),

/***/ 7884:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ diagnosticAt)
/* harmony export */ });
/**
 * A diagnostic at `ptr`. With `at: 'key'` it points at the mapping key (for unknown or
 * misplaced keys), otherwise at the value.
 */
function diagnosticAt(tpl, ptr, code, message, severity = 'error', at = 'value') {
    const pos = (at === 'key' ? tpl.positions.key(ptr) : undefined) ?? tpl.positions.locate(ptr);
    return { file: tpl.file, line: pos.line, column: pos.column, path: ptr, code, message, severity };
}


/***/ }),

/***/ 577:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ isRuntimeNode),
/* harmony export */   Ht: () => (/* binding */ heatJson),
/* harmony export */   MZ: () => (/* binding */ sinceFor),
/* harmony export */   W5: () => (/* binding */ containsLater),
/* harmony export */   Xm: () => (/* binding */ containsInvalid),
/* harmony export */   Yr: () => (/* binding */ stringish),
/* harmony export */   bD: () => (/* binding */ deepEqual),
/* harmony export */   bO: () => (/* binding */ DEFER),
/* harmony export */   fE: () => (/* binding */ toText),
/* harmony export */   gD: () => (/* binding */ OMIT),
/* harmony export */   jh: () => (/* binding */ isMap),
/* harmony export */   jr: () => (/* binding */ RUNTIME_FUNCTIONS),
/* harmony export */   oQ: () => (/* binding */ firstReference),
/* harmony export */   p6: () => (/* binding */ expected),
/* harmony export */   q0: () => (/* binding */ describe),
/* harmony export */   uY: () => (/* binding */ INVALID),
/* harmony export */   yJ: () => (/* binding */ toInteger),
/* harmony export */   yk: () => (/* binding */ containsRuntime),
/* harmony export */   ze: () => (/* binding */ soleKey)
/* harmony export */ });
/** Marks a value whose evaluation failed; a diagnostic was already recorded for it. */
const INVALID = Symbol('invalid');
/**
 * What `if` without a false value gives when its condition is false (2021-04-16): the
 * enclosing list item, map entry or property is left out, as if it were not written.
 */
const OMIT = Symbol('omit');
/**
 * What a spec's evaluate returns when it needs the value of a deploy-time reference: the call
 * is then kept, arguments evaluated, for evaluateRuntime to complete once containers exist.
 */
const DEFER = Symbol('defer');
/** The version a function needs in a context: `conditionSince` applies inside conditions. */
function sinceFor(spec, context) {
    return context === 'condition' && spec.conditionSince !== undefined ? spec.conditionSince : spec.since;
}
/** True for a plain mapping (not a list, not null). */
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** The only key of a one-key mapping, else undefined. */
function soleKey(v) {
    if (!isMap(v))
        return undefined;
    const keys = Object.keys(v);
    return keys.length === 1 ? keys[0] : undefined;
}
/** "a string", "a list of 2 items"...: what a value is, for messages. */
function describe(v) {
    if (v === null || v === undefined)
        return 'nothing (null)';
    if (Array.isArray(v))
        return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
    if (isMap(v)) {
        const key = soleKey(v);
        return key ? `a map with the key '${key}'` : `a map with ${Object.keys(v).length} keys`;
    }
    if (typeof v === 'string')
        return `the string '${v.length > 40 ? v.slice(0, 40) + '…' : v}'`;
    return `the ${typeof v} ${String(v)}`;
}
/** The standard "takes X, got Y" problem. */
function expected(spec, got, at) {
    return { message: `${spec.name} takes ${spec.usage}, got ${describe(got)}`, at };
}
/** A string, or something known later. */
function stringish(v, later) {
    return typeof v === 'string' || later(v);
}
/**
 * JSON as Heat writes it (Python's json.dumps with sort_keys): keys sorted, `", "` and
 * `": "` separators, so joined or substituted maps read the same as under Heat.
 */
function heatJson(v) {
    if (Array.isArray(v))
        return `[${v.map(heatJson).join(', ')}]`;
    if (isMap(v))
        return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}: ${heatJson(v[k])}`).join(', ')}}`;
    return JSON.stringify(v ?? null) ?? 'null';
}
/** Heat coerces numbers and booleans where a string is needed; maps and lists become JSON. */
function toText(v) {
    if (v === null || v === undefined)
        return '';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean')
        return String(v);
    return heatJson(v);
}
/** Deep equality of plain data (what equals, contains, filter and list_concat_unique compare). */
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a) && Array.isArray(b))
        return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
    if (isMap(a) && isMap(b)) {
        const ka = Object.keys(a);
        return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
    }
    return false;
}
/** An integer given as a number or a numeric string (Heat's int coercion), else undefined. */
function toInteger(v) {
    if (typeof v === 'number' && Number.isInteger(v))
        return v;
    if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v))
        return Number(v);
    return undefined;
}
/** Function names whose call is only completed at deploy time. */
const RUNTIME_FUNCTIONS = ['get_resource', 'get_attr'];
/** True for a deploy-time reference node: `{get_resource: name}` or `{get_attr: [...]}`. */
function isRuntimeNode(v) {
    const key = soleKey(v);
    return key !== undefined && RUNTIME_FUNCTIONS.includes(key);
}
/**
 * True when a deploy-time reference appears anywhere inside `v`, including inside a call kept
 * for deploy time: such a value cannot be known before deploy.
 */
function containsRuntime(v) {
    if (isRuntimeNode(v))
        return true;
    if (Array.isArray(v))
        return v.some(containsRuntime);
    if (isMap(v))
        return Object.values(v).some(containsRuntime);
    return false;
}
/** True when `later` holds for `v` or for anything inside it. */
function containsLater(v, later) {
    if (later(v))
        return true;
    if (Array.isArray(v))
        return v.some((x) => containsLater(x, later));
    if (isMap(v))
        return Object.values(v).some((x) => containsLater(x, later));
    return false;
}
/** The first deploy-time reference inside `v`, for messages: "get_attr [db, network_ip]". */
function firstReference(v) {
    if (isRuntimeNode(v)) {
        const key = soleKey(v);
        const args = v[key];
        return `${key} ${Array.isArray(args) ? `[${args.map((a) => (typeof a === 'object' && a !== null ? heatJson(a) : String(a))).join(', ')}]` : String(args)}`;
    }
    const items = Array.isArray(v) ? v : isMap(v) ? Object.values(v) : [];
    for (const item of items) {
        const found = firstReference(item);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
/** True when an INVALID marker appears anywhere inside `v`. */
function containsInvalid(v) {
    if (v === INVALID)
        return true;
    if (Array.isArray(v))
        return v.some(containsInvalid);
    if (isMap(v))
        return Object.values(v).some(containsInvalid);
    return false;
}


/***/ }),

/***/ 7191:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  v: () => (/* binding */ MASK),
  O: () => (/* binding */ resolveParameters)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ./src/template/diagnostic-factory.ts
var diagnostic_factory = __nccwpck_require__(7884);
;// CONCATENATED MODULE: ./src/template/parameter-types.ts
/** HOT parameter types and how a given value is turned into a value of that type (Heat's rules). */
/** Every parameter type, in the order the reference lists them. */
const PARAMETER_TYPES = ['string', 'number', 'comma_delimited_list', 'json', 'boolean'];
/** True for one of the five type names. */
function isParameterType(t) {
    return typeof t === 'string' && PARAMETER_TYPES.includes(t);
}
const TRUE_WORDS = new Set(['t', 'true', 'on', 'y', 'yes', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'off', 'n', 'no', '0']);
/** Heat's boolean spellings (case-insensitive) and real booleans; undefined when neither. */
function parseBoolean(v) {
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'number')
        return v === 1 ? true : v === 0 ? false : undefined;
    if (typeof v !== 'string')
        return undefined;
    const w = v.trim().toLowerCase();
    if (TRUE_WORDS.has(w))
        return true;
    if (FALSE_WORDS.has(w))
        return false;
    return undefined;
}
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A finite number from a number or a numeric string; undefined otherwise. */
function parseNumber(v) {
    if (typeof v === 'number')
        return Number.isFinite(v) ? v : undefined;
    // Decimal notation only, as Heat's int()/float() read it: JS's Number() would also take 0x10.
    if (typeof v !== 'string' || !DECIMAL.test(v.trim()))
        return undefined;
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Coerces `value` to `type`. `value` is never null/undefined here: absent values are handled by the caller. */
function coerceValue(type, value) {
    switch (type) {
        case 'number': {
            const n = parseNumber(value);
            return n === undefined ? { ok: false, reason: 'is not a number' } : { ok: true, value: n };
        }
        case 'string':
            if (typeof value === 'string')
                return { ok: true, value };
            // YAML turns `port: 8080` or `debug: yes` into a number/boolean; Heat takes them as text.
            if (typeof value === 'number' || typeof value === 'boolean')
                return { ok: true, value: String(value) };
            return { ok: false, reason: 'is not a string' };
        case 'boolean': {
            const b = parseBoolean(value);
            return b === undefined
                ? { ok: false, reason: 'is not a boolean (use true/false, yes/no, on/off, t/f, y/n or 1/0)' }
                : { ok: true, value: b };
        }
        case 'comma_delimited_list':
            if (Array.isArray(value))
                return { ok: true, value };
            if (typeof value === 'number' || typeof value === 'boolean')
                return { ok: true, value: [String(value)] };
            if (typeof value === 'string') {
                // Heat: an empty string is an empty list, otherwise split on commas and trim each item.
                return { ok: true, value: value.trim() === '' ? [] : value.split(',').map((s) => s.trim()) };
            }
            return { ok: false, reason: 'is not a list or a comma-separated string' };
        case 'json':
            if (Array.isArray(value) || isMapping(value))
                return { ok: true, value };
            if (typeof value === 'string') {
                if (value.trim() === '')
                    return { ok: true, value: {} };
                try {
                    const parsed = JSON.parse(value);
                    if (Array.isArray(parsed) || isMapping(parsed))
                        return { ok: true, value: parsed };
                    return { ok: false, reason: 'is not a JSON map or list' };
                }
                catch {
                    // The parser's own message quotes the text: it would leak a hidden value.
                    return { ok: false, reason: 'is not valid JSON' };
                }
            }
            return { ok: false, reason: 'is not a JSON map or list' };
    }
}
/** The value as a user would write it, for messages (callers mask hidden values before this). */
function showValue(v) {
    if (typeof v === 'string')
        return `'${v}'`;
    try {
        return JSON.stringify(v) ?? String(v);
    }
    catch {
        return String(v);
    }
}

// EXTERNAL MODULE: ./src/template/types.ts
var types = __nccwpck_require__(5415);
;// CONCATENATED MODULE: ./src/template/constraints.ts



const KINDS = ['length', 'range', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint'];
/** Which types each kind applies to (custom_constraint is accepted on any type, then ignored). */
const KIND_TYPES = {
    length: ['string', 'comma_delimited_list', 'json'],
    range: ['number'],
    modulo: ['number'],
    allowed_values: ['string', 'number', 'boolean', 'comma_delimited_list'],
    allowed_pattern: ['string'],
};
function constraints_isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Python's modulo (sign of the divisor), which Heat's modulo constraint uses. */
function pyMod(a, b) {
    return a - b * Math.floor(a / b);
}
/** Compiles a HOT allowed_pattern (Python syntax) so that it must match the whole value. */
function compilePattern(pattern) {
    // Python spells named groups (?P<n>...) and back-references (?P=n); JS has (?<n>...) and \k<n>.
    const js = pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
    try {
        return new RegExp(`^(?:${js})$`);
    }
    catch (e) {
        // The engine's message quotes our anchored rewrite (/^(?:...)$/: ...); keep only the reason.
        const message = e.message;
        const cut = message.lastIndexOf('/: ');
        return cut >= 0 ? message.slice(cut + 3) : message.replace(/^Invalid regular expression: /, '');
    }
}
/** Number of characters, list items or JSON keys/items: what `length` measures. */
function measure(value) {
    if (typeof value === 'string')
        return Array.from(value).length;
    if (Array.isArray(value))
        return value.length;
    if (constraints_isMapping(value))
        return Object.keys(value).length;
    return undefined;
}
function bounds(min, max, unit) {
    const u = unit ? ` ${unit}` : '';
    if (min !== undefined && max !== undefined)
        return min === max ? `exactly ${min}${u}` : `between ${min} and ${max}${u}`;
    if (min !== undefined)
        return `at least ${min}${u}`;
    return `at most ${max}${u}`;
}
const LENGTH_UNITS = {
    string: 'characters long',
    comma_delimited_list: 'items long',
    json: 'entries long',
};
/** Allowed values in the form the type compares them, or undefined for one that cannot be of the type. */
function allowedOfType(type, v) {
    if (type === 'number')
        return parseNumber(v);
    if (type === 'boolean')
        return parseBoolean(v);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}
/** Builds one kind of one constraint item, reporting a definition problem instead when there is one. */
function build(ctx, kind, body, at) {
    // Shapes a JSON Schema can check (not a mapping, missing step, a min that is not a number...)
    // are reported by the schema: such a constraint is skipped here without a second message.
    const bad = (message, ptr = at) => {
        ctx.out.push((0,diagnostic_factory/* diagnosticAt */.R)(ctx.tpl, ptr, 'invalid-constraint', `the ${kind} constraint of parameter '${ctx.name}' ${message}`));
        return undefined;
    };
    switch (kind) {
        case 'length':
        case 'range': {
            if (!constraints_isMapping(body))
                return undefined;
            if (!('min' in body) && !('max' in body))
                return bad('needs min or max');
            const min = body.min === undefined ? undefined : parseNumber(body.min);
            const max = body.max === undefined ? undefined : parseNumber(body.max);
            if ((body.min !== undefined && min === undefined) || (body.max !== undefined && max === undefined))
                return undefined;
            if (min !== undefined && max !== undefined && min > max)
                return bad(`has min ${min} greater than max ${max}`);
            if (kind === 'range') {
                return {
                    kind,
                    requirement: `must be ${bounds(min, max, '')}`,
                    test: (v) => typeof v === 'number' && (min === undefined || v >= min) && (max === undefined || v <= max),
                };
            }
            return {
                kind,
                requirement: `must be ${bounds(min, max, LENGTH_UNITS[ctx.type] ?? '')}`,
                test: (v) => {
                    const n = measure(v);
                    return n !== undefined && (min === undefined || n >= min) && (max === undefined || n <= max);
                },
            };
        }
        case 'modulo': {
            if (!constraints_isMapping(body))
                return undefined;
            const step = parseNumber(body.step);
            const offset = parseNumber(body.offset);
            if (step === undefined || offset === undefined)
                return undefined;
            if (step === 0)
                return bad('has step 0', (0,types/* childPointer */.Y2)(at, 'step'));
            if (Math.abs(offset) >= Math.abs(step))
                return bad(`has offset ${offset} not smaller than step ${step}`);
            if (offset !== 0 && Math.sign(offset) !== Math.sign(step))
                return bad('has step and offset of different signs');
            return {
                kind,
                requirement: `must leave ${offset} when divided by ${step}`,
                test: (v) => typeof v === 'number' && pyMod(v, step) === offset,
            };
        }
        case 'allowed_values': {
            if (!Array.isArray(body))
                return undefined;
            if (body.length === 0)
                return bad('lists no value: nothing could ever pass');
            const allowed = [];
            for (let i = 0; i < body.length; i++) {
                const a = allowedOfType(ctx.type, body[i]);
                if (a === undefined)
                    return bad(`lists ${showValue(body[i])}, which is not a ${ctx.type === 'comma_delimited_list' ? 'string' : ctx.type}`, (0,types/* childPointer */.Y2)(at, i));
                allowed.push(a);
            }
            const has = (v) => allowed.includes(v);
            return {
                kind,
                requirement: `must be one of ${allowed.map(showValue).join(', ')}`,
                test: (v) => (ctx.type === 'comma_delimited_list' ? Array.isArray(v) && v.every((item) => has(String(item))) : has(v)),
            };
        }
        case 'allowed_pattern': {
            if (typeof body !== 'string')
                return undefined;
            const re = compilePattern(body);
            if (typeof re === 'string')
                return bad(`is not a valid regular expression: ${re}`);
            return { kind, requirement: `must match the pattern '${body}'`, test: (v) => typeof v === 'string' && re.test(v) };
        }
    }
}
/**
 * Reads `constraints` of parameter `name` (definition `def`, already-known `type`). Returns the
 * usable constraints; problems in their definitions go to the diagnostics and drop that constraint.
 * Anything of the wrong shape is left to the schema and skipped.
 */
function parseConstraints(tpl, name, def, type) {
    const ctx = { tpl, name, type, out: [] };
    const constraints = [];
    if (!Array.isArray(def.constraints))
        return { constraints, diagnostics: ctx.out };
    def.constraints.forEach((item, i) => {
        if (!constraints_isMapping(item))
            return;
        const base = (0,types/* pointer */.Wn)('parameters', name, 'constraints', i);
        const description = typeof item.description === 'string' ? item.description : undefined;
        for (const kind of KINDS) {
            if (!(kind in item))
                continue;
            const at = (0,types/* childPointer */.Y2)(base, kind);
            if (kind === 'custom_constraint') {
                ctx.out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'unsupported-constraint', `the custom_constraint ${showValue(item[kind])} of parameter '${name}' is an OpenStack service check; hotdock does not check it`, 'warning', 'key'));
                continue;
            }
            if (!KIND_TYPES[kind].includes(type)) {
                ctx.out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'constraint-not-for-type', `the ${kind} constraint does not apply to parameter '${name}' of type ${type}; it applies to ${KIND_TYPES[kind].join(', ')}`, 'error', 'key'));
                continue;
            }
            const built = build(ctx, kind, item[kind], at);
            if (built)
                constraints.push({ ...built, pointer: base, description });
        }
    });
    return { constraints, diagnostics: ctx.out };
}

;// CONCATENATED MODULE: ./src/template/parameters.ts
/**
 * Parameter resolution: checks parameter definitions (defaults, constraints, groups), then
 * computes every parameter's value from defaults, environment files and the supplied input.
 */





/** What hidden values are shown as. */
const MASK = '******';
function parameters_isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function present(v) {
    // A YAML key with nothing after it (`image:`) means "no value", as in Heat.
    return v !== undefined && v !== null;
}
function originText(o) {
    if (o.kind === 'supplied')
        return o.source;
    if (o.kind === 'env')
        return `environment file '${o.env.file}' (${o.section})`;
    return 'its default';
}
/** A UUID-shaped id derived from the stack name: stable across runs, so config hashes are too. */
function derivedStackId(stackName) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(`hotdock-stack:${stackName}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
/** Checks `parameter_groups` entries name defined parameters. */
function checkGroups(tpl, doc, defs) {
    const out = [];
    if (!Array.isArray(doc.parameter_groups))
        return out;
    doc.parameter_groups.forEach((group, i) => {
        if (!parameters_isMapping(group) || !Array.isArray(group.parameters))
            return;
        const label = typeof group.label === 'string' ? ` '${group.label}'` : '';
        group.parameters.forEach((ref, j) => {
            if (typeof ref === 'string' && !Object.prototype.hasOwnProperty.call(defs, ref)) {
                out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, (0,types/* pointer */.Wn)('parameter_groups', i, 'parameters', j), 'unknown-parameter', `parameter group${label} lists parameter '${ref}', which the template does not define`));
            }
        });
    });
    return out;
}
/**
 * Resolves every parameter of the template. Precedence (lowest first): the definition's default,
 * environment files' parameter_defaults, environment files' parameters (later files win), then
 * `supplied`. Never throws: definitions it cannot interpret are skipped (the schema reports them).
 */
function resolveParameters(tpl, _version, supplied, environments, pseudo) {
    const diagnostics = [];
    const values = {};
    const hidden = [];
    const doc = parameters_isMapping(tpl.doc) ? tpl.doc : {};
    const defs = parameters_isMapping(doc.parameters) ? doc.parameters : {};
    const given = parameters_isMapping(supplied.values) ? supplied.values : {};
    diagnostics.push(...checkGroups(tpl, doc, defs));
    // Later layers overwrite earlier ones, so one pass in precedence order leaves the winner.
    const layered = new Map();
    for (const section of ['parameter_defaults', 'parameters']) {
        for (const env of environments) {
            const vals = section === 'parameters' ? env.parameters : env.parameterDefaults;
            if (!parameters_isMapping(vals))
                continue;
            for (const [k, v] of Object.entries(vals))
                if (present(v))
                    layered.set(k, { value: v, origin: { kind: 'env', env, section } });
        }
    }
    for (const [k, v] of Object.entries(given))
        if (present(v))
            layered.set(k, { value: v, origin: { kind: 'supplied', source: supplied.source } });
    for (const [name, def] of Object.entries(defs)) {
        if (!parameters_isMapping(def))
            continue;
        const isHidden = parseBoolean(def.hidden) === true;
        if (isHidden)
            hidden.push(name);
        const show = (v) => (isHidden ? MASK : showValue(v));
        const defPtr = (0,types/* pointer */.Wn)('parameters', name);
        const chosen = layered.get(name);
        const type = def.type;
        if (!isParameterType(type)) {
            // Unknown type: reported by the schema. Keep the raw value so later stages don't cascade.
            const raw = chosen ? chosen.value : def.default;
            if (present(raw))
                values[name] = raw;
            continue;
        }
        const parsed = parseConstraints(tpl, name, def, type);
        diagnostics.push(...parsed.diagnostics);
        let defaultValue;
        if (present(def.default)) {
            const c = coerceValue(type, def.default);
            const at = (0,types/* pointer */.Wn)('parameters', name, 'default');
            if (!c.ok) {
                diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'invalid-default', `the default ${show(def.default)} of parameter '${name}' ${c.reason}`));
            }
            else {
                defaultValue = c.value;
                for (const con of parsed.constraints.filter((k) => !k.test(c.value))) {
                    diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'default-violates-constraint', `the default ${show(def.default)} of parameter '${name}' breaks its ${describe(con)}`));
                }
            }
        }
        if (!chosen) {
            if (defaultValue !== undefined)
                values[name] = defaultValue;
            else if (!present(def.default)) {
                diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, defPtr, 'missing-parameter-value', `parameter '${name}' has no default and no value was given: pass it in ${supplied.source} or an environment file`, 'error', 'key'));
            }
            continue;
        }
        const where = locateValue(tpl, chosen.origin, name);
        const c = coerceValue(type, chosen.value);
        if (!c.ok) {
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(where.tpl, where.ptr, 'invalid-parameter-value', `the value ${show(chosen.value)} given for parameter '${name}' in ${originText(chosen.origin)} ${c.reason}`, 'error', where.at));
            continue;
        }
        values[name] = c.value;
        for (const con of parsed.constraints.filter((k) => !k.test(c.value))) {
            const loc = chosen.origin.kind === 'env' ? where : { tpl: tpl, ptr: con.pointer, at: 'value' };
            diagnostics.push((0,diagnostic_factory/* diagnosticAt */.R)(loc.tpl, loc.ptr, 'parameter-constraint-violated', `the value ${show(chosen.value)} given for parameter '${name}' in ${originText(chosen.origin)} breaks its ${describe(con)}`, 'error', loc.at));
        }
    }
    diagnostics.push(...unknownValues(tpl, defs, given, supplied.source, environments));
    values['OS::stack_name'] = pseudo.stackName;
    values['OS::stack_id'] = pseudo.stackId ?? derivedStackId(pseudo.stackName);
    values['OS::project_id'] = pseudo.projectId ?? '';
    return { values, hidden, diagnostics };
}
/** "range constraint: <description>" or "range constraint: it must be …". */
function describe(con) {
    return `${con.kind} constraint: ${con.description ?? `it ${con.requirement}`}`;
}
/** Where a problem with a given value is reported: in its environment file, else at the definition. */
function locateValue(tpl, origin, name) {
    if (origin.kind === 'env') {
        return { tpl: { file: origin.env.file, positions: origin.env.positions }, ptr: (0,types/* pointer */.Wn)(origin.section, name), at: 'value' };
    }
    return { tpl, ptr: (0,types/* pointer */.Wn)('parameters', name), at: 'key' };
}
const PSEUDO = new Set(['OS::stack_name', 'OS::stack_id', 'OS::project_id']);
/** Values for parameters the template does not define. Heat refuses them; hotdock only warns. */
function unknownValues(tpl, defs, given, source, environments) {
    const out = [];
    const why = (name) => PSEUDO.has(name)
        ? `'${name}' is a pseudo parameter set by hotdock; the value given is ignored`
        : `the template defines no parameter '${name}'; the value is ignored (Heat would refuse the stack)`;
    for (const name of Object.keys(given)) {
        if (Object.prototype.hasOwnProperty.call(defs, name))
            continue;
        out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, (0,types/* pointer */.Wn)('parameters'), 'unknown-parameter-value', `${source} gives a value for parameter '${name}', but ${why(name)}`, 'warning', 'key'));
    }
    // parameter_defaults may target nested stacks in Heat, so only `parameters` entries are checked.
    for (const env of environments) {
        if (!parameters_isMapping(env.parameters))
            continue;
        for (const name of Object.keys(env.parameters)) {
            if (Object.prototype.hasOwnProperty.call(defs, name))
                continue;
            out.push((0,diagnostic_factory/* diagnosticAt */.R)({ file: env.file, positions: env.positions }, (0,types/* pointer */.Wn)('parameters', name), 'unknown-parameter-value', `environment file '${env.file}' gives a value for parameter '${name}', but ${why(name)}`, 'warning', 'key'));
        }
    }
    return out;
}


/***/ }),

/***/ 7175:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  SP: () => (/* binding */ checkTemplateSemantics),
  O1: () => (/* reexport */ evaluateRuntime),
  b9: () => (/* binding */ resolveStack)
});

// UNUSED EXPORTS: PSEUDO_PARAMETERS, STATIC_PROPERTIES

// EXTERNAL MODULE: ./src/diagnostics.ts
var diagnostics = __nccwpck_require__(4851);
// EXTERNAL MODULE: ./src/template/diagnostic-factory.ts
var diagnostic_factory = __nccwpck_require__(7884);
;// CONCATENATED MODULE: ./src/template/attributes.ts
/** The attributes a DockerInc::Docker::Container offers to get_attr. */
/** Attribute name → one-line description (used by validation messages and the docs). */
const CONTAINER_ATTRIBUTES = {
    info: 'The whole container inspect document (docker inspect).',
    network_info: "The container's NetworkSettings, plus TcpPorts and UdpPorts.",
    network_ip: "The container's IP address on the default network (NetworkSettings.IPAddress).",
    network_gateway: 'The gateway of the default network (NetworkSettings.Gateway).',
    network_tcp_ports: 'Comma-joined host ports bound to TCP container ports.',
    network_udp_ports: 'Comma-joined host ports bound to UDP container ports.',
    logs: "The container's logs.",
    logs_head: 'The first line of the logs.',
    logs_tail: 'The last non-empty line of the logs.',
    show: 'The whole container inspect document (same as info).',
};
/** True when `name` is an attribute get_attr may ask a container for. */
function isContainerAttribute(name) {
    return Object.prototype.hasOwnProperty.call(CONTAINER_ATTRIBUTES, name);
}

// EXTERNAL MODULE: ./src/template/types.ts
var types = __nccwpck_require__(5415);
// EXTERNAL MODULE: ./src/template/versions.ts
var versions = __nccwpck_require__(9481);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/template/functions/get-file.ts
/** get_file: which file a path names, and whether hotdock may read it. */


function inside(root, abs) {
    const rel = (0,external_node_path_.relative)(root, abs);
    return rel === '' || (!rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel));
}
function defaultRealPath(p) {
    return external_node_fs_.realpathSync.native(p);
}
/** The directory get_file paths are relative to: the template's own. */
function templateDir(workspace, templateFile) {
    return (0,external_node_path_.dirname)((0,external_node_path_.resolve)(workspace, templateFile));
}
/**
 * Reads `path` (relative to `baseDir`) if it stays inside the workspace, symlinks included:
 * a template must not be able to publish /etc/passwd or a runner secret into a container.
 */
function readTemplateFile(path, baseDir, access) {
    const outside = (why) => ({ ok: false, code: 'get-file-outside-workspace', message: `get_file '${path}' ${why}` });
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
        return outside('is a URL; hotdock only reads files of the workspace, relative to the template');
    }
    if ((0,external_node_path_.isAbsolute)(path))
        return outside('is an absolute path; get_file paths are relative to the template and stay inside the workspace');
    const workspace = (0,external_node_path_.resolve)(access.workspace);
    const abs = (0,external_node_path_.resolve)(baseDir, path);
    if (!inside(workspace, abs))
        return outside(`resolves to ${abs}, outside the workspace ${workspace}`);
    const realPath = access.realPath ?? defaultRealPath;
    let real;
    try {
        real = realPath(abs);
    }
    catch {
        // Not on disk (or a reader without a file system behind it): readFile decides below.
    }
    if (real !== undefined) {
        let realWorkspace = workspace;
        try {
            realWorkspace = realPath(workspace);
        }
        catch {
            // Keep the lexical root.
        }
        if (!inside(realWorkspace, real))
            return outside(`is a symbolic link to ${real}, outside the workspace`);
    }
    try {
        return { ok: true, content: access.readFile(real ?? abs), absPath: abs };
    }
    catch {
        return { ok: false, code: 'get-file-not-found', message: `get_file '${path}': no readable file at ${(0,external_node_path_.relative)(workspace, abs) || abs} (paths are relative to the template's directory)` };
    }
}

// EXTERNAL MODULE: ./src/template/functions/spec.ts
var functions_spec = __nccwpck_require__(577);
;// CONCATENATED MODULE: ./src/template/functions/collection-functions.ts
/**
 * map_merge, map_replace, list_concat(_unique), repeat, filter and contains. The first five
 * are evaluated at resolve time even when deploy-time values appear in their arguments, as
 * long as they only carry those values along (a list item of list_concat, a value of
 * map_merge): the result keeps its shape for the Docker checks. Where a value must be known
 * (a whole list to concatenate, an item to compare), they return DEFER and run at deploy time.
 */


const mapMerge = {
    name: 'map_merge',
    since: '2016-04-08',
    contexts: ['value'],
    usage: 'a list of maps',
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const bad = args.findIndex((m) => !(0,functions_spec/* isMap */.jh)(m) && m !== null && !later(m));
        return bad >= 0 ? { message: `map_merge: item ${bad} must be a map, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] } : undefined;
    },
    evaluate(args, ctx) {
        const maps = args;
        if (maps.some(ctx.later))
            return functions_spec/* DEFER */.bO;
        // Later maps win, key by key (not deep), as in Heat; null (an unset value) adds nothing.
        return Object.assign({}, ...maps.map((m) => m ?? {}));
    },
};
const mapReplace = {
    name: 'map_replace',
    since: '2016-10-14',
    contexts: ['value'],
    usage: '[map, {keys: {old: new}, values: {old: new}}]',
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* isMap */.jh)(args[0]) && args[0] !== null && !later(args[0]))
            return { message: `map_replace: the first item must be the map to change, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        const spec = args[1];
        if (later(spec) || spec === null)
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(spec))
            return { message: `map_replace: the second item must be {keys, values}, got ${(0,functions_spec/* describe */.q0)(spec)}`, at: [1] };
        const extra = Object.keys(spec).find((k) => k !== 'keys' && k !== 'values');
        if (extra)
            return { message: `map_replace: '${extra}' is not allowed; use 'keys' and 'values'`, at: [1, extra], atKey: true };
        for (const k of ['keys', 'values']) {
            const m = spec[k];
            if (m !== undefined && m !== null && !(0,functions_spec/* isMap */.jh)(m) && !later(m))
                return { message: `map_replace: '${k}' must be a map of old → new, got ${(0,functions_spec/* describe */.q0)(m)}`, at: [1, k] };
        }
        return undefined;
    },
    evaluate(args, ctx, site) {
        const [rawMap, rawSpec] = args;
        if (ctx.later(rawMap) || ctx.later(rawSpec) || ctx.later(rawSpec?.keys) || ctx.later(rawSpec?.values))
            return functions_spec/* DEFER */.bO;
        const map = rawMap ?? {};
        const spec = rawSpec ?? {};
        const keys = ((0,functions_spec/* isMap */.jh)(spec.keys) ? spec.keys : {});
        const values = ((0,functions_spec/* isMap */.jh)(spec.values) ? spec.values : {});
        // A new key is text, and a deploy-time value may turn out to be one of the values to replace.
        const valuesKnown = Object.keys(values).length === 0 || !Object.values(map).some(ctx.later);
        if (Object.values(keys).some((k) => (0,functions_spec/* containsLater */.W5)(k, ctx.later)) || !valuesKnown)
            return functions_spec/* DEFER */.bO;
        const out = {};
        const has = (m, k) => Object.prototype.hasOwnProperty.call(m, k);
        for (const [k, v] of Object.entries(map)) {
            const replaced = has(keys, k) && keys[k] !== null ? (0,functions_spec/* toText */.fE)(keys[k]) : undefined;
            const key = replaced ?? k;
            // As Heat: a new key may not collide with another key of the input or of the output.
            if ((replaced !== undefined && replaced !== k && has(map, replaced)) || has(out, key)) {
                return ctx.fail(site, 'invalid-function-args', `map_replace: replacing the keys makes '${key}' appear twice`, [1, 'keys']);
            }
            const scalar = typeof v === 'string' || typeof v === 'number';
            out[key] = scalar && Object.prototype.hasOwnProperty.call(values, String(v)) ? values[String(v)] : v;
        }
        return out;
    },
};
function listConcat(name, unique) {
    return {
        name,
        since: '2017-09-01',
        contexts: ['value'],
        usage: 'a list of lists',
        acceptsRuntime: true,
        check(args, _v, later) {
            if (later(args))
                return undefined;
            if (!Array.isArray(args))
                return (0,functions_spec/* expected */.p6)(this, args);
            const bad = args.findIndex((m) => !Array.isArray(m) && m !== null && !later(m));
            return bad >= 0 ? { message: `${name}: item ${bad} must be a list, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] } : undefined;
        },
        evaluate(args, ctx) {
            const lists = args;
            if (lists.some(ctx.later))
                return functions_spec/* DEFER */.bO;
            const all = lists.flatMap((l) => l ?? []);
            if (!unique)
                return all;
            // Which items are equal is only known with their values.
            if (all.some((item) => (0,functions_spec/* containsLater */.W5)(item, ctx.later)))
                return functions_spec/* DEFER */.bO;
            // Heat keeps the last occurrence of each item, where it appears last. Equal data has
            // equal sorted-key JSON, which makes this linear.
            const keys = all.map(functions_spec/* heatJson */.Ht);
            const last = new Map(keys.map((k, i) => [k, i]));
            return all.filter((_, i) => last.get(keys[i]) === i);
        },
    };
}
/**
 * Replaces every variable name inside strings (keys and values alike), as Heat's repeat does.
 * `later` spots calls kept for deploy time: their arguments are templates, their name is not.
 */
function substitute(template, vars, later) {
    if (typeof template === 'string')
        return vars.reduce((s, [name, value]) => s.split(name).join(value), template);
    if (Array.isArray(template))
        return template.map((t) => substitute(t, vars, later));
    // References are already checked: their names are not templates.
    if (!(0,functions_spec/* isMap */.jh)(template) || (0,functions_spec/* isRuntimeNode */.$I)(template))
        return template;
    if (later(template)) {
        const key = (0,functions_spec/* soleKey */.ze)(template);
        return { [key]: substitute(template[key], vars, later) };
    }
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [substitute(k, vars, later), substitute(v, vars, later)]));
}
/** Every combination of a few long lists is astronomically many: refuse rather than hang. */
const MAX_REPEAT = 10000;
/** Nor may repeats nested in repeats multiply into millions of values. */
const MAX_NODES = 1000000;
/** Values in `v` (maps, lists and scalars), counting no further than `limit`. */
function nodeCount(v, limit) {
    let n = 0;
    const stack = [v];
    while (stack.length > 0 && n <= limit) {
        const x = stack.pop();
        n++;
        // Pushed one by one: spreading a huge list into push() overflows the call stack.
        if (Array.isArray(x))
            for (const item of x)
                stack.push(item);
        else if ((0,functions_spec/* isMap */.jh)(x))
            for (const [k, item] of Object.entries(x))
                stack.push(k, item);
    }
    return n;
}
const repeat = {
    name: 'repeat',
    since: '2015-04-30',
    contexts: ['value'],
    usage: '{for_each: {variable: list}, template, permutations?}',
    acceptsRuntime: true,
    check(args, version, later) {
        if (later(args))
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const extra = Object.keys(args).find((k) => !['for_each', 'template', 'permutations'].includes(k));
        if (extra)
            return { message: `repeat takes ${this.usage}; '${extra}' is not one of them`, at: [extra], atKey: true };
        if (!('for_each' in args) || !('template' in args))
            return { message: `repeat needs both 'for_each' and 'template'` };
        const fe = args.for_each;
        if (!later(fe)) {
            if (!(0,functions_spec/* isMap */.jh)(fe) || Object.keys(fe).length === 0)
                return { message: `repeat: 'for_each' must map variable names to lists, got ${(0,functions_spec/* describe */.q0)(fe)}`, at: ['for_each'] };
            // Maps (iterated by key) came with 2016-10-14, and only for permutations.
            const mapsOk = (0,versions/* versionAtLeast */.zy)(version, '2016-10-14') && args.permutations !== false;
            const bad = Object.keys(fe).find((k) => !Array.isArray(fe[k]) && fe[k] !== null && !later(fe[k]) && !(mapsOk && (0,functions_spec/* isMap */.jh)(fe[k])));
            if (bad !== undefined) {
                return { message: `repeat: the values of variable '${bad}' must be ${mapsOk ? 'lists or maps' : 'lists'}, got ${(0,functions_spec/* describe */.q0)(fe[bad])}`, at: ['for_each', bad] };
            }
        }
        if ('permutations' in args) {
            if (!(0,versions/* versionAtLeast */.zy)(version, '2017-02-24')) {
                return { code: 'function-not-in-version', message: `repeat's 'permutations' needs heat_template_version 2017-02-24 or later; this template is ${version}`, at: ['permutations'], atKey: true };
            }
            if (typeof args.permutations !== 'boolean' && !later(args.permutations))
                return { message: `repeat: 'permutations' must be true or false`, at: ['permutations'] };
        }
        return undefined;
    },
    evaluate(args, ctx, site) {
        const { for_each: forEach, template, permutations } = args;
        // The values to repeat over become text: they must be known. The template may wait.
        if ((0,functions_spec/* containsLater */.W5)(forEach, ctx.later))
            return functions_spec/* DEFER */.bO;
        const names = Object.keys(forEach);
        const items = (v) => (Array.isArray(v) ? v : (0,functions_spec/* isMap */.jh)(v) ? Object.keys(v) : []);
        const lists = names.map((n) => items(forEach[n]).map(functions_spec/* toText */.fE));
        const count = permutations === false ? (lists[0]?.length ?? 0) : lists.reduce((n, l) => n * l.length, 1);
        if (count > MAX_REPEAT || count * nodeCount(template, MAX_NODES) > MAX_NODES) {
            return ctx.fail(site, 'invalid-function-args', `repeat would produce ${count} copies of its template; that is more than hotdock evaluates (${MAX_REPEAT} items, ${MAX_NODES} values in all)`, ['for_each']);
        }
        let rows;
        if (permutations === false) {
            if (lists.some((l) => l.length !== lists[0].length)) {
                return ctx.fail(site, 'invalid-function-args', 'repeat: with permutations false, every for_each list must have the same length', ['for_each']);
            }
            rows = lists[0].map((_, i) => lists.map((l) => l[i]));
        }
        else {
            // Every combination, the first variable varying slowest (as Heat's itertools.product).
            rows = lists.reduce((acc, list) => acc.flatMap((row) => list.map((v) => [...row, v])), [[]]);
        }
        return rows.map((row) => substitute(template, names.map((n, i) => [n, row[i]]), ctx.later));
    },
};
const filter = {
    name: 'filter',
    since: '2017-02-24',
    contexts: ['value'],
    usage: '[values to remove, list]',
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (args[0] !== null && !Array.isArray(args[0]) && !later(args[0]))
            return { message: `filter: the values to remove must be a list, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        if (!Array.isArray(args[1]) && args[1] !== null && !later(args[1]))
            return { message: `filter: the second item must be the list to filter, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        return undefined;
    },
    evaluate(args, ctx) {
        const [remove, list] = args;
        // What to remove is decided by comparing values.
        if ((0,functions_spec/* containsLater */.W5)(args, ctx.later))
            return functions_spec/* DEFER */.bO;
        if (list === null)
            return null;
        return list.filter((item) => !(remove ?? []).some((r) => (0,functions_spec/* deepEqual */.bD)(r, item)));
    },
};
const contains = {
    name: 'contains',
    since: '2017-09-01',
    contexts: ['value', 'condition'],
    usage: '[value, list]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!Array.isArray(args[1]) && typeof args[1] !== 'string' && !later(args[1])) {
            return { message: `contains: the second item must be a list (or a string), got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        }
        return undefined;
    },
    evaluate(args) {
        const [value, seq] = args;
        if (typeof seq === 'string')
            return typeof value === 'string' && seq.includes(value);
        return seq.some((item) => (0,functions_spec/* deepEqual */.bD)(item, value));
    },
};
/** The collection functions, in registry order. */
const COLLECTION_FUNCTIONS = [
    mapMerge,
    mapReplace,
    listConcat('list_concat', false),
    listConcat('list_concat_unique', true),
    repeat,
    filter,
    contains,
];

;// CONCATENATED MODULE: ./src/template/functions/condition-functions.ts
/** if, equals, not, and, or and yaql. not/and/or/if are evaluated lazily by evaluate.ts. */


const ifFn = {
    name: 'if',
    since: '2016-10-14',
    contexts: ['value'],
    usage: '[condition, value if true, value if false]',
    // The branches are chosen before anything is evaluated: the list must be written out.
    check(args, version) {
        if (Array.isArray(args) && args.length === 2) {
            return (0,versions/* versionAtLeast */.zy)(version, '2021-04-16')
                ? undefined
                : { code: 'function-not-in-version', message: `'if' without a value for false needs heat_template_version 2021-04-16 or later; this template is ${version}` };
        }
        return Array.isArray(args) && args.length === 3 ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
};
const equals = {
    name: 'equals',
    since: '2016-10-14',
    contexts: ['condition'],
    usage: '[value, value]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        return Array.isArray(args) && args.length === 2 ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(args) {
        const [a, b] = args;
        return (0,functions_spec/* deepEqual */.bD)(a, b);
    },
};
const not = {
    name: 'not',
    since: '2016-10-14',
    contexts: ['condition'],
    usage: 'a condition',
    check(args) {
        return Array.isArray(args) ? (0,functions_spec/* expected */.p6)(this, args) : undefined;
    },
};
function junction(name) {
    return {
        name,
        since: '2016-10-14',
        contexts: ['condition'],
        usage: 'a list of at least two conditions',
        check(args) {
            return Array.isArray(args) && args.length >= 2 ? undefined : (0,functions_spec/* expected */.p6)(this, args);
        },
    };
}
const yaql = {
    name: 'yaql',
    since: '2016-10-14',
    conditionSince: '2017-09-01',
    contexts: ['value', 'condition'],
    usage: '{expression, data?}',
    // Unsupported whatever its data: say so now rather than at deploy time.
    acceptsRuntime: true,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const extra = Object.keys(args).find((k) => k !== 'expression' && k !== 'data');
        if (extra)
            return { message: `yaql takes ${this.usage}; '${extra}' is not one of them`, at: [extra], atKey: true };
        if (!(0,functions_spec/* stringish */.Yr)(args.expression, later))
            return { message: `yaql: 'expression' must be a string, got ${(0,functions_spec/* describe */.q0)(args.expression)}`, at: ['expression'] };
        return undefined;
    },
    evaluate(_args, ctx, site) {
        // Evaluating YAQL needs a YAQL engine; hotdock does not embed one.
        return ctx.fail(site, 'unsupported-function', 'yaql expressions are not supported by hotdock; compute the value with the other HOT functions or pass it as a parameter');
    },
};
/** The condition functions (and if), in registry order. */
const CONDITION_FUNCTIONS = [ifFn, equals, not, junction('and'), junction('or'), yaql];

;// CONCATENATED MODULE: ./src/template/functions/reference-functions.ts
/** get_param, get_resource, get_attr and get_file: the functions that name something. */


const getParam = {
    name: 'get_param',
    since: '2013-05-23',
    contexts: ['value', 'condition'],
    usage: 'a parameter name or [name, key or index...]',
    staticOnly: 'parameter values are picked before deploy',
    check(args, _v, later) {
        if ((0,functions_spec/* stringish */.Yr)(args, later))
            return undefined;
        if (!Array.isArray(args) || args.length === 0 || !(0,functions_spec/* stringish */.Yr)(args[0], later))
            return (0,functions_spec/* expected */.p6)(this, args);
        const bad = args.findIndex((x, i) => i > 0 && typeof x !== 'string' && typeof x !== 'number' && !later(x));
        return bad > 0 ? { message: `get_param path items must be map keys or list indexes, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] } : undefined;
    },
    evaluate(args, ctx, site) {
        const [name, ...path] = (Array.isArray(args) ? args : [args]);
        let value = ctx.param(name, site);
        if (value === functions_spec/* INVALID */.uY)
            return functions_spec/* INVALID */.uY;
        for (const [i, key] of path.entries()) {
            if (Array.isArray(value)) {
                const index = (0,functions_spec/* toInteger */.yJ)(key);
                if (index === undefined || index < 0 || index >= value.length) {
                    return ctx.fail(site, 'index-out-of-range', `get_param: index ${String(key)} is not within parameter '${name}' (a list of ${value.length} items)`, [i + 1]);
                }
                value = value[index];
            }
            else if ((0,functions_spec/* isMap */.jh)(value) && Object.prototype.hasOwnProperty.call(value, String(key))) {
                value = value[String(key)];
            }
            else {
                return ctx.fail(site, 'param-path-not-found', `get_param: parameter '${name}' has no key '${String(key)}' (it is ${(0,functions_spec/* describe */.q0)(value)})`, [i + 1]);
            }
        }
        return value;
    },
};
const getResource = {
    name: 'get_resource',
    since: '2013-05-23',
    contexts: ['value'],
    usage: 'a resource name',
    staticOnly: 'the resource a reference names decides the deploy order, so it must be known before deploy',
    check(args, _v, later) {
        return (0,functions_spec/* stringish */.Yr)(args, later) ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(args, ctx, site) {
        // The container id only exists once deployed: keep the reference for evaluateRuntime.
        return ctx.resource(args, site) ? { get_resource: args } : functions_spec/* INVALID */.uY;
    },
};
const getAttr = {
    name: 'get_attr',
    since: '2013-05-23',
    contexts: ['value'],
    usage: '[resource, attribute, ...path]',
    staticOnly: 'the resource, attribute and path of get_attr must be known before deploy (they decide the deploy order and what to read)',
    check(args, _v, later) {
        if (!Array.isArray(args) || args.length < 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* stringish */.Yr)(args[0], later))
            return (0,functions_spec/* expected */.p6)(this, args[0], [0]);
        if (!(0,functions_spec/* stringish */.Yr)(args[1], later))
            return (0,functions_spec/* expected */.p6)(this, args[1], [1]);
        const bad = args.findIndex((x, i) => i > 1 && typeof x !== 'string' && typeof x !== 'number' && !later(x));
        return bad > 1 ? { message: `get_attr path items must be map keys or list indexes, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] } : undefined;
    },
    evaluate(args, ctx, site) {
        const [name, attr] = args;
        if (!isContainerAttribute(attr)) {
            return ctx.fail(site, 'unknown-attribute', unknownAttributeMessage(name, attr), [1]);
        }
        return ctx.resource(name, site) ? { get_attr: args } : functions_spec/* INVALID */.uY;
    },
};
/** The message for get_attr of an attribute containers do not have. */
function unknownAttributeMessage(resource, attr) {
    return `get_attr: resource '${resource}' has no attribute '${attr}'; a container has ${Object.keys(CONTAINER_ATTRIBUTES).join(', ')}`;
}
const getFile = {
    name: 'get_file',
    since: '2013-05-23',
    contexts: ['value'],
    usage: 'a file path relative to the template',
    staticOnly: 'files are read when the template is validated',
    check(args, _v, later) {
        return (0,functions_spec/* stringish */.Yr)(args, later) ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(args, ctx, site) {
        return ctx.file(args, site);
    },
};
const FACADE_FIELDS = ['metadata', 'deletion_policy', 'update_policy'];
const resourceFacade = {
    name: 'resource_facade',
    since: '2013-05-23',
    contexts: ['value'],
    usage: `one of ${FACADE_FIELDS.join(', ')}`,
    // Unsupported whatever its argument: say so now rather than at deploy time.
    acceptsRuntime: true,
    check(args, _v, later) {
        return later(args) || (typeof args === 'string' && FACADE_FIELDS.includes(args)) ? undefined : (0,functions_spec/* expected */.p6)(this, args);
    },
    evaluate(_args, ctx, site) {
        // It reads the parent resource of a nested stack; hotdock deploys one flat stack.
        return ctx.fail(site, 'unsupported-function', 'resource_facade only has a meaning inside a nested stack, which hotdock does not deploy');
    },
};
/** The reference functions, in registry order. */
const REFERENCE_FUNCTIONS = [getParam, getResource, getAttr, getFile, resourceFacade];

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/template/functions/string-functions.ts
/** str_replace (and its strict forms), str_split, list_join, digest and make_url. */



function checkReplace(spec, args, later) {
    if (later(args))
        return undefined;
    if (!(0,functions_spec/* isMap */.jh)(args))
        return (0,functions_spec/* expected */.p6)(spec, args);
    const extra = Object.keys(args).filter((k) => k !== 'template' && k !== 'params');
    if (extra.length > 0)
        return { message: `${spec.name} takes ${spec.usage}; '${extra[0]}' is not one of them`, at: [extra[0]], atKey: true };
    if (!('template' in args))
        return { message: `${spec.name} needs a 'template'` };
    if (!('params' in args))
        return { message: `${spec.name} needs 'params'` };
    const t = args.template;
    if (!(0,functions_spec/* stringish */.Yr)(t, later) && typeof t !== 'number')
        return { message: `${spec.name}: 'template' must be a string, got ${(0,functions_spec/* describe */.q0)(t)}`, at: ['template'] };
    if (!(0,functions_spec/* isMap */.jh)(args.params) && !later(args.params))
        return { message: `${spec.name}: 'params' must be a map of text to replace → replacement, got ${(0,functions_spec/* describe */.q0)(args.params)}`, at: ['params'] };
    return undefined;
}
/**
 * Heat's str_replace: keys are taken longest first (ties in code-point order); each key splits
 * what earlier keys left unreplaced, so a replacement is never replaced again and `$a` does not
 * eat the start of `$ab`. Returns the text and the keys that occurred.
 */
function replaceAll(template, params) {
    const keys = Object.keys(params).filter((k) => k !== '').sort().sort((a, b) => b.length - a.length);
    const found = new Set();
    // Segments still open to replacement alternate with replacements already made.
    let parts = [{ text: template, done: false }];
    for (const key of keys) {
        parts = parts.flatMap((part) => {
            if (part.done)
                return [part];
            const pieces = part.text.split(key);
            if (pieces.length === 1)
                return [part];
            found.add(key);
            return pieces.flatMap((piece, i) => (i === 0 ? [{ text: piece, done: false }] : [{ text: params[key], done: true }, { text: piece, done: false }]));
        });
    }
    return { text: parts.map((p) => p.text).join(''), found };
}
function isEmpty(v) {
    return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || ((0,functions_spec/* isMap */.jh)(v) && Object.keys(v).length === 0);
}
function replaceSpec(name, since, strictness) {
    const spec = {
        name,
        since,
        contexts: ['value'],
        usage: '{template, params}',
        check: (args, _v, later) => checkReplace(spec, args, later),
        evaluate(args, ctx, site) {
            const { template, params } = args;
            const values = {};
            for (const [key, value] of Object.entries(params)) {
                if (strictness >= 2 && isEmpty(value)) {
                    return ctx.fail(site, 'empty-replacement', `${name}: the replacement for '${key}' is empty`, ['params', key], true);
                }
                values[key] = (0,functions_spec/* toText */.fE)(value);
            }
            const { text, found } = replaceAll((0,functions_spec/* toText */.fE)(template), values);
            const missing = strictness >= 1 ? Object.keys(params).find((k) => !found.has(k)) : undefined;
            if (missing !== undefined) {
                return ctx.fail(site, 'replacement-not-found', `${name}: '${missing}' does not occur in the template`, ['params', missing], true);
            }
            return text;
        },
    };
    return spec;
}
const strSplit = {
    name: 'str_split',
    since: '2015-10-15',
    contexts: ['value'],
    usage: '[delimiter, string, index?]',
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length < 2 || args.length > 3)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* stringish */.Yr)(args[0], later))
            return { message: `str_split: the delimiter must be a string, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        if (!(0,functions_spec/* stringish */.Yr)(args[1], later) && args[1] !== null)
            return { message: `str_split: the value to split must be a string, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        if (args.length === 3 && (0,functions_spec/* toInteger */.yJ)(args[2]) === undefined && !later(args[2])) {
            return { message: `str_split: the index must be an integer, got ${(0,functions_spec/* describe */.q0)(args[2])}`, at: [2] };
        }
        return undefined;
    },
    evaluate(args, ctx, site) {
        const [delim, text, index] = args;
        // Heat: splitting nothing gives nothing (an absent optional value stays absent).
        if (text === null)
            return null;
        if (delim === '')
            return ctx.fail(site, 'invalid-function-args', 'str_split: the delimiter must not be empty', [0]);
        const parts = text.split(delim);
        if (index === undefined)
            return parts;
        const i = (0,functions_spec/* toInteger */.yJ)(index);
        if (i < 0 || i >= parts.length) {
            return ctx.fail(site, 'index-out-of-range', `str_split: index ${i} is out of range; '${text}' splits into ${parts.length} part${parts.length === 1 ? '' : 's'}`, [2]);
        }
        return parts[i];
    },
};
const listJoin = {
    name: 'list_join',
    since: '2013-05-23',
    contexts: ['value'],
    usage: '[delimiter, list, ...more lists]',
    check(args, version, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length < 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!(0,functions_spec/* stringish */.Yr)(args[0], later))
            return { message: `list_join: the delimiter must be a string, got ${(0,functions_spec/* describe */.q0)(args[0])}`, at: [0] };
        const bad = args.findIndex((x, i) => i > 0 && !Array.isArray(x) && x !== null && !later(x));
        if (bad > 0)
            return { message: `list_join: item ${bad} must be a list to join, got ${(0,functions_spec/* describe */.q0)(args[bad])}`, at: [bad] };
        if (args.length > 2 && !(0,versions/* versionAtLeast */.zy)(version, '2015-10-15')) {
            return {
                code: 'function-not-in-version',
                message: `list_join of several lists needs heat_template_version 2015-10-15 or later; this template is ${version}`,
                at: [2],
            };
        }
        return undefined;
    },
    evaluate(args) {
        const [delim, ...lists] = args;
        return lists.flatMap((l) => l ?? []).map(functions_spec/* toText */.fE).join(delim);
    },
};
const DIGEST_ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const digest = {
    name: 'digest',
    since: '2015-04-30',
    contexts: ['value'],
    usage: `[algorithm (${DIGEST_ALGORITHMS.join(', ')}), value]`,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!Array.isArray(args) || args.length !== 2)
            return (0,functions_spec/* expected */.p6)(this, args);
        if (!later(args[0]) && !(typeof args[0] === 'string' && DIGEST_ALGORITHMS.includes(args[0].toLowerCase()))) {
            return { message: `digest: unknown algorithm ${(0,functions_spec/* describe */.q0)(args[0])}; use one of ${DIGEST_ALGORITHMS.join(', ')}`, at: [0] };
        }
        if (!(0,functions_spec/* stringish */.Yr)(args[1], later) && typeof args[1] !== 'number')
            return { message: `digest: the value must be a string, got ${(0,functions_spec/* describe */.q0)(args[1])}`, at: [1] };
        return undefined;
    },
    evaluate(args) {
        const [alg, value] = args;
        return (0,external_node_crypto_.createHash)(alg.toLowerCase()).update((0,functions_spec/* toText */.fE)(value), 'utf8').digest('hex');
    },
};
const URL_PARTS = ['scheme', 'username', 'password', 'host', 'port', 'path', 'query', 'fragment'];
const makeUrl = {
    name: 'make_url',
    since: '2017-09-01',
    contexts: ['value'],
    usage: `a map of ${URL_PARTS.join(', ')}`,
    check(args, _v, later) {
        if (later(args))
            return undefined;
        if (!(0,functions_spec/* isMap */.jh)(args))
            return (0,functions_spec/* expected */.p6)(this, args);
        const extra = Object.keys(args).find((k) => !URL_PARTS.includes(k));
        if (extra)
            return { message: `make_url: '${extra}' is not a URL part; use ${URL_PARTS.join(', ')}`, at: [extra], atKey: true };
        const port = args.port;
        if (port !== undefined && port !== null && !later(port)) {
            const n = (0,functions_spec/* toInteger */.yJ)(port);
            if (n === undefined || n < 1 || n > 65535)
                return { message: `make_url: the port must be an integer from 1 to 65535, got ${(0,functions_spec/* describe */.q0)(port)}`, at: ['port'] };
        }
        if (typeof args.scheme === 'string' && args.scheme.includes(':'))
            return { message: "make_url: the scheme is written without ':' (e.g. 'https')", at: ['scheme'] };
        if (args.query !== undefined && args.query !== null && !(0,functions_spec/* isMap */.jh)(args.query) && !later(args.query)) {
            return { message: `make_url: 'query' must be a map of names to values, got ${(0,functions_spec/* describe */.q0)(args.query)}`, at: ['query'] };
        }
        return undefined;
    },
    evaluate(args) {
        return buildUrl(args);
    },
};
/** Python's urllib quote: everything but unreserved characters and `safe` is percent-encoded. */
function pyQuote(text, safe, plus = false) {
    let out = '';
    for (const ch of text) {
        if (/[A-Za-z0-9_.~-]/.test(ch) || safe.includes(ch))
            out += ch;
        else if (plus && ch === ' ')
            out += '+';
        else
            out += [...Buffer.from(ch, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
    }
    return out;
}
/** Heat's make_url (urlunsplit of quoted parts): IPv6 hosts get brackets, the query is form-encoded. */
function buildUrl(parts) {
    const text = (k) => (0,functions_spec/* toText */.fE)(parts[k]);
    let netloc = '';
    const user = pyQuote(text('username'), '');
    const password = pyQuote(text('password'), '');
    if (user !== '' || password !== '')
        netloc += user + (password !== '' ? ':' + password : '') + '@';
    let host = text('host');
    if (host.startsWith('[') && host.endsWith(']'))
        host = host.slice(1, -1);
    host = pyQuote(host, ':');
    netloc += host.includes(':') ? `[${host}]` : host;
    if (text('port') !== '')
        netloc += ':' + String((0,functions_spec/* toInteger */.yJ)(parts.port) ?? text('port'));
    let path = pyQuote(text('path'), '/');
    if (netloc !== '' && path !== '' && !path.startsWith('/'))
        path = '/' + path;
    const query = (0,functions_spec/* isMap */.jh)(parts.query)
        ? Object.entries(parts.query).map(([k, v]) => `${pyQuote(k, '', true)}=${pyQuote((0,functions_spec/* toText */.fE)(v), '', true)}`).join('&').replace(/%2F/g, '/')
        : '';
    const fragment = pyQuote(text('fragment'), '/');
    const scheme = text('scheme');
    return (scheme !== '' ? `${scheme}:` : '') + (netloc !== '' || scheme !== '' ? `//${netloc}` : '') + path +
        (query !== '' ? `?${query}` : '') + (fragment !== '' ? `#${fragment}` : '');
}
/** The string functions, in registry order. */
const STRING_FUNCTIONS = [
    replaceSpec('str_replace', '2013-05-23', 0),
    replaceSpec('str_replace_strict', '2017-02-24', 1),
    replaceSpec('str_replace_vstrict', '2017-09-01', 2),
    strSplit,
    listJoin,
    digest,
    makeUrl,
];

;// CONCATENATED MODULE: ./src/template/functions/registry.ts






/** Function name → spec. */
const FUNCTIONS = new Map([...REFERENCE_FUNCTIONS, ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...CONDITION_FUNCTIONS].map((s) => [s.name, s]));
/** The spec of a function name (whatever the version), else undefined. */
function functionSpec(name) {
    return FUNCTIONS.get(name);
}
/** True when `name` is a function of `version`. */
function isFunctionIn(name, version) {
    const spec = FUNCTIONS.get(name);
    return spec !== undefined && versionAtLeast(version, spec.since);
}
/** True for a one-key map whose key is a HOT function name (of any version): a call. */
function isFunctionCall(v) {
    const key = (0,functions_spec/* soleKey */.ze)(v);
    return key !== undefined && FUNCTIONS.has(key);
}
/** Names people write for HOT functions, from CloudFormation and other tools. */
const ALIASES = {
    'join': 'list_join',
    'concat': 'list_concat',
    'split': 'str_split',
    'replace': 'str_replace',
    'merge': 'map_merge',
    'ref': ['get_resource', 'get_param'],
    'fn::join': 'list_join',
    'fn::split': 'str_split',
    'fn::sub': 'str_replace',
    'fn::getatt': 'get_attr',
    'fn::if': 'if',
    'fn::equals': 'equals',
    'fn::not': 'not',
    'fn::and': 'and',
    'fn::or': 'or',
    'fn::select': undefined,
    'fn::base64': undefined,
    'fn::findinmap': undefined,
    'fn::getazs': undefined,
    'fn::importvalue': undefined,
    'fn::transform': undefined,
    'fn::cidr': undefined,
    'fn::length': undefined,
    'fn::tojsonstring': undefined,
    'get_params': 'get_param',
    'getparam': 'get_param',
    'get_attribute': 'get_attr',
    'getattr': 'get_attr',
    'get_resources': 'get_resource',
    'getresource': 'get_resource',
    'resource_id': 'get_resource',
    'get_input': 'get_param',
};
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length];
}
/** The closest of `candidates` to `word` within `max` edits, else undefined. */
function closest(word, candidates, max = 2) {
    let best;
    let bestDistance = max + 1;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance)
            [best, bestDistance] = [c, d];
    }
    return best;
}
/**
 * For a one-key map key that is not a function of `version`, the verdict "looks like a
 * function": `{suggestion}` (possibly without one), else undefined. Keys of ordinary data
 * (volume paths, link names, ports) must not trip it, so a key needs a strong hint: a known
 * alias, CloudFormation's `Fn::`/`Ref`, a HOT-like prefix, or a near miss of a snake_case name.
 */
function looksLikeFunction(key, version) {
    const lower = key.toLowerCase();
    const available = [...FUNCTIONS.values()].filter((s) => (0,versions/* versionAtLeast */.zy)(version, s.since)).map((s) => s.name);
    if (Object.prototype.hasOwnProperty.call(ALIASES, lower)) {
        const names = [ALIASES[lower] ?? []].flat().filter((n) => available.includes(n));
        return { suggestion: names.length > 0 ? names.join("' or '") : undefined };
    }
    if (lower.startsWith('fn::'))
        return { suggestion: undefined };
    if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/i.test(key))
        return undefined;
    const near = closest(key, available.filter((n) => n.includes('_')), 2);
    if (near)
        return { suggestion: near };
    if (/^(get|str|list|map)_/i.test(key))
        return { suggestion: closest(key, available, 6) };
    return undefined;
}

;// CONCATENATED MODULE: ./src/template/functions/check.ts








/** Deeper than this is not a template a person wrote: stop rather than overflow the stack. */
const MAX_DEPTH = 200;
/** "; did you mean 'x'?" when a close name exists. */
function didYouMean(name, candidates) {
    const near = closest(name, candidates);
    return near ? ` (did you mean '${near}'?)` : '';
}
/** Checks a property or output value (or, with context 'condition', a value inside a condition). */
function checkValue(node, ptr, scope, context = 'value', depth = 0) {
    if (depth > MAX_DEPTH)
        return;
    if (Array.isArray(node)) {
        node.forEach((item, i) => checkValue(item, (0,types/* childPointer */.Y2)(ptr, i), scope, context, depth + 1));
        return;
    }
    if (!(0,functions_spec/* isMap */.jh)(node))
        return;
    if (isFunctionCall(node)) {
        checkFunction(node, ptr, scope, context, depth);
        return;
    }
    const key = (0,functions_spec/* soleKey */.ze)(node);
    if (key !== undefined) {
        const hint = looksLikeFunction(key, scope.version);
        if (hint) {
            const also = hint.suggestion ? ` (did you mean '${hint.suggestion}'?)` : '';
            scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, (0,types/* childPointer */.Y2)(ptr, key), 'not-a-function', `one-key map '${key}' looks like a function call but HOT has no '${key}' function; it is kept as plain data${also}`, 'warning', 'key'));
        }
    }
    for (const [k, v] of Object.entries(node))
        checkValue(v, (0,types/* childPointer */.Y2)(ptr, k), scope, context, depth + 1);
}
/** Checks a condition: a boolean, a condition name, or a condition function call. */
function checkCondition(node, ptr, scope, depth = 0) {
    if (depth > MAX_DEPTH || typeof node === 'boolean')
        return;
    if (typeof node === 'string') {
        if (!scope.conditions.has(node)) {
            scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'unknown-condition', `condition '${node}' is not defined in the conditions section${didYouMean(node, scope.conditions)}`));
        }
        return;
    }
    if (isFunctionCall(node)) {
        checkFunction(node, ptr, scope, 'condition', depth);
        return;
    }
    scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'invalid-condition', 'a condition must be true, false, the name of a condition, or a call to equals, not, and, or, contains or get_param'));
}
function placementMessage(name, context) {
    if (context === 'condition') {
        return name === 'if'
            ? "'if' cannot be used inside a condition; combine conditions with and, or and not"
            : `'${name}' cannot be used in a condition: conditions are decided before any resource exists`;
    }
    return `'${name}' can only be used in conditions (the conditions section, a 'condition' key, or the first item of 'if')`;
}
function checkFunction(node, ptr, scope, context, depth) {
    const name = Object.keys(node)[0];
    const spec = functionSpec(name);
    const args = node[name];
    const argsPtr = (0,types/* childPointer */.Y2)(ptr, name);
    const fail = (code, message, at = 'key', atKey = false) => {
        scope.out.push(at === 'key'
            ? (0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, argsPtr, code, message, 'error', 'key')
            : (0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, (0,types/* childPointer */.Y2)(argsPtr, ...at), code, message, 'error', atKey ? 'key' : 'value'));
    };
    if (!spec)
        return;
    const since = (0,functions_spec/* sinceFor */.MZ)(spec, context);
    if (!(0,versions/* versionAtLeast */.zy)(scope.version, since)) {
        const where = since === spec.since ? '' : ' in a condition';
        fail('function-not-in-version', `'${name}'${where} needs heat_template_version ${since} or later; this template is ${scope.version}`);
        checkValue(args, argsPtr, scope, context, depth + 1);
        return;
    }
    if (!spec.contexts.includes(context)) {
        fail('function-not-allowed-here', placementMessage(name, context));
        return;
    }
    const problem = spec.check(args, scope.version, isFunctionCall);
    if (problem) {
        fail(problem.code ?? 'invalid-function-args', problem.message, problem.at ?? 'key', problem.atKey);
        if (problem.code === undefined)
            return;
    }
    else {
        checkNames(name, args, argsPtr, scope, fail);
    }
    walkArguments(name, args, argsPtr, scope, context, depth);
}
/** Checks the names a call gives literally (names computed by functions are checked on evaluation). */
function checkNames(name, args, argsPtr, scope, fail) {
    const list = Array.isArray(args) ? args : [args];
    const at = Array.isArray(args) ? [0] : [];
    if (name === 'get_param' && typeof list[0] === 'string' && !scope.parameters.has(list[0])) {
        fail('unknown-parameter', `get_param: parameter '${list[0]}' is not defined${didYouMean(list[0], scope.parameters)}`, at);
    }
    if ((name === 'get_resource' || name === 'get_attr') && typeof list[0] === 'string' && !scope.resources.has(list[0])) {
        fail('unknown-resource', `${name}: there is no resource '${list[0]}'${didYouMean(list[0], scope.resources)}`, at);
    }
    if (name === 'get_attr' && typeof list[1] === 'string' && !isContainerAttribute(list[1])) {
        fail('unknown-attribute', unknownAttributeMessage(String(list[0]), list[1]), [1]);
    }
    if (name === 'get_file' && typeof args === 'string') {
        const read = readTemplateFile(args, scope.files.baseDir, scope.files);
        if (!read.ok)
            fail(read.code, read.message, []);
    }
}
function walkArguments(name, args, argsPtr, scope, context, depth) {
    if (name === 'if' && Array.isArray(args)) {
        checkCondition(args[0], (0,types/* childPointer */.Y2)(argsPtr, 0), scope, depth + 1);
        args.slice(1).forEach((a, i) => checkValue(a, (0,types/* childPointer */.Y2)(argsPtr, i + 1), scope, context, depth + 1));
    }
    else if (name === 'not') {
        checkCondition(args, argsPtr, scope, depth + 1);
    }
    else if ((name === 'and' || name === 'or') && Array.isArray(args)) {
        args.forEach((a, i) => checkCondition(a, (0,types/* childPointer */.Y2)(argsPtr, i), scope, depth + 1));
    }
    else {
        checkValue(args, argsPtr, scope, context, depth + 1);
    }
}

;// CONCATENATED MODULE: ./src/template/functions/evaluate.ts






const evaluate_MAX_DEPTH = 200;
/**
 * Evaluates a value; the result may contain INVALID where an error was reported. It is OMIT
 * only for a lone `if` without a false value (list items and map entries that are OMIT are
 * left out here).
 */
function evaluateValue(node, ptr, scope, context = 'value', depth = 0) {
    if (depth > evaluate_MAX_DEPTH)
        return node;
    if (Array.isArray(node)) {
        return node.map((item, i) => evaluateValue(item, (0,types/* childPointer */.Y2)(ptr, i), scope, context, depth + 1)).filter((v) => v !== functions_spec/* OMIT */.gD);
    }
    if (!(0,functions_spec/* isMap */.jh)(node))
        return node;
    if (isFunctionCall(node))
        return evaluateCall(node, ptr, scope, context, depth);
    const out = {};
    for (const [k, v] of Object.entries(node)) {
        const value = evaluateValue(v, (0,types/* childPointer */.Y2)(ptr, k), scope, context, depth + 1);
        if (value !== functions_spec/* OMIT */.gD)
            out[k] = value;
    }
    return out;
}
/** Evaluates a condition to true or false (INVALID after an error). */
function evaluateCondition(node, ptr, scope, depth = 0) {
    if (typeof node === 'boolean')
        return node;
    if (typeof node === 'string')
        return scope.condition(node, ptr);
    if (depth <= evaluate_MAX_DEPTH && isFunctionCall(node)) {
        const value = evaluateCall(node, ptr, scope, 'condition', depth);
        if (value === functions_spec/* INVALID */.uY || typeof value === 'boolean')
            return value;
        scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'invalid-condition', `this condition evaluates to ${(0,functions_spec/* describe */.q0)(value)}, not to true or false`));
        return functions_spec/* INVALID */.uY;
    }
    scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'invalid-condition', 'a condition must be true, false, the name of a condition, or a call to equals, not, and, or, contains or get_param'));
    return functions_spec/* INVALID */.uY;
}
function contextFor(scope) {
    const fail = (site, code, message, at, atKey = false) => {
        scope.out.push(at
            ? (0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, (0,types/* childPointer */.Y2)(site.argsPtr, ...at), code, message, 'error', atKey ? 'key' : 'value')
            : (0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, site.argsPtr, code, message, 'error', 'key'));
        return functions_spec/* INVALID */.uY;
    };
    return {
        version: scope.version,
        fail,
        param(name, site) {
            if (Object.prototype.hasOwnProperty.call(scope.params, name))
                return scope.params[name];
            return fail(site, 'unknown-parameter', `get_param: parameter '${name}' has no value`, site.name === 'get_param' ? [] : undefined);
        },
        resource(name, site) {
            const state = scope.resourceState(name);
            if (state === 'enabled')
                return true;
            if (state === 'unknown')
                fail(site, 'unknown-resource', `${site.name}: there is no resource '${name}'`);
            else
                fail(site, 'resource-condition-false', `${site.name}: resource '${name}' is not created because its condition is false; give this value the same condition (or wrap it in 'if')`);
            return false;
        },
        file(path, site) {
            const read = readTemplateFile(path, scope.files.baseDir, scope.files);
            return read.ok ? read.content : fail(site, read.code, read.message, []);
        },
        later: isDeferred,
    };
}
/**
 * True for a value known only at deploy time: a reference node, or a call kept because its
 * arguments hold one (a reference node is itself such a call).
 */
function isDeferred(v) {
    return isFunctionCall(v) && (0,functions_spec/* containsRuntime */.yk)(v);
}
/**
 * The second half of a call, once its arguments are evaluated: checks them, then evaluates,
 * keeps the call for deploy time, or refuses it (staticOnly). Shared with deploy-time
 * evaluation, whose context never sees a deferred value, so the same rules apply there.
 */
function applyFunction(spec, args, ctx, site) {
    const problem = spec.check(args, ctx.version, ctx.later);
    if (problem)
        return ctx.fail(site, problem.code ?? 'invalid-function-args', problem.message, problem.at, problem.atKey);
    const deferred = (0,functions_spec/* containsLater */.W5)(args, ctx.later);
    if (deferred && spec.staticOnly !== undefined) {
        return ctx.fail(site, 'value-unknown-before-deploy', `${site.name} needs the value of ${(0,functions_spec/* firstReference */.oQ)(args) ?? 'a deploy-time value'}, which is only known once that resource is deployed; ${spec.staticOnly}`);
    }
    if (deferred && !spec.acceptsRuntime)
        return { [site.name]: args };
    const result = spec.evaluate ? spec.evaluate(args, ctx, site) : functions_spec/* INVALID */.uY;
    return result === functions_spec/* DEFER */.bO ? { [site.name]: args } : result;
}
function evaluateCall(node, ptr, scope, context, depth) {
    const name = Object.keys(node)[0];
    const spec = functionSpec(name);
    const args = node[name];
    const site = { name, ptr, argsPtr: (0,types/* childPointer */.Y2)(ptr, name) };
    const ctx = contextFor(scope);
    if (!spec)
        return functions_spec/* INVALID */.uY;
    const since = (0,functions_spec/* sinceFor */.MZ)(spec, context);
    if (!(0,versions/* versionAtLeast */.zy)(scope.version, since)) {
        return ctx.fail(site, 'function-not-in-version', `'${name}' needs heat_template_version ${since} or later; this template is ${scope.version}`);
    }
    if (!spec.contexts.includes(context))
        return ctx.fail(site, 'function-not-allowed-here', `'${name}' cannot be used here`);
    // if, not, and, or take conditions, evaluated lazily: the branch not taken is never evaluated.
    const lazy = name === 'if' || name === 'not' || name === 'and' || name === 'or';
    const raw = lazy ? spec.check(args, scope.version, isFunctionCall) : undefined;
    if (raw)
        return ctx.fail(site, raw.code ?? 'invalid-function-args', raw.message, raw.at, raw.atKey);
    if (name === 'if') {
        const list = args;
        const cond = evaluateCondition(list[0], (0,types/* childPointer */.Y2)(site.argsPtr, 0), scope, depth + 1);
        if (cond === functions_spec/* INVALID */.uY)
            return functions_spec/* INVALID */.uY;
        const branch = cond ? 1 : 2;
        if (branch >= list.length)
            return functions_spec/* OMIT */.gD;
        return evaluateValue(list[branch], (0,types/* childPointer */.Y2)(site.argsPtr, branch), scope, context, depth + 1);
    }
    if (name === 'not') {
        const cond = evaluateCondition(args, site.argsPtr, scope, depth + 1);
        return cond === functions_spec/* INVALID */.uY ? functions_spec/* INVALID */.uY : !cond;
    }
    if (name === 'and' || name === 'or') {
        const values = args.map((a, i) => evaluateCondition(a, (0,types/* childPointer */.Y2)(site.argsPtr, i), scope, depth + 1));
        if (values.includes(functions_spec/* INVALID */.uY))
            return functions_spec/* INVALID */.uY;
        return name === 'and' ? values.every(Boolean) : values.some(Boolean);
    }
    const value = evaluateValue(args, site.argsPtr, scope, context, depth + 1);
    // An argument left out by `if` is an absent (null) argument.
    const evaluated = value === functions_spec/* OMIT */.gD ? null : value;
    if ((0,functions_spec/* containsInvalid */.Xm)(evaluated))
        return functions_spec/* INVALID */.uY;
    return applyFunction(spec, evaluated, ctx, site);
}

;// CONCATENATED MODULE: ./src/template/conditions.ts
/**
 * The conditions section: checking every definition, spotting conditions that refer to each
 * other in a circle, and evaluating them (each once) for the resolver.
 */





/** The conditions section as a map (empty when absent or malformed: the schema reports that). */
function conditionDefinitions(doc) {
    return (0,functions_spec/* isMap */.jh)(doc) && (0,functions_spec/* isMap */.jh)(doc.conditions) ? doc.conditions : {};
}
/** Names a condition refers to directly: bare strings in condition positions. */
function conditionReferences(node) {
    if (typeof node === 'string')
        return [node];
    if (!(0,functions_spec/* isMap */.jh)(node) || Object.keys(node).length !== 1)
        return [];
    const [name, args] = Object.entries(node)[0];
    if (name === 'not')
        return conditionReferences(args);
    if ((name === 'and' || name === 'or') && Array.isArray(args))
        return args.flatMap(conditionReferences);
    return [];
}
/** Checks every condition definition, then reports circles such as `a: b` / `b: {not: a}`. */
function checkConditions(doc, scope) {
    const defs = conditionDefinitions(doc);
    for (const [name, def] of Object.entries(defs))
        checkCondition(def, (0,types/* pointer */.Wn)('conditions', name), scope);
    const reported = new Set();
    for (const start of Object.keys(defs)) {
        const chain = findConditionLoop(start, defs);
        if (!chain)
            continue;
        const key = [...new Set(chain)].sort().join('\u0000');
        if (reported.has(key))
            continue;
        reported.add(key);
        scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, (0,types/* pointer */.Wn)('conditions', start), 'condition-cycle', `conditions refer to each other in a circle: ${chain.join(' -> ')}`, 'error', 'key'));
    }
}
/** The loop back to `start` through condition names, if there is one. */
function findConditionLoop(start, defs) {
    const seen = new Set();
    const stack = [[start]];
    while (stack.length > 0) {
        const path = stack.pop();
        const last = path[path.length - 1];
        for (const next of conditionReferences(defs[last])) {
            if (next === start)
                return [...path, start];
            if (!Object.prototype.hasOwnProperty.call(defs, next) || seen.has(next))
                continue;
            seen.add(next);
            stack.push([...path, next]);
        }
    }
    return undefined;
}
/**
 * A `condition(name, ptr)` function for EvalScope: evaluates each named condition once,
 * reporting unknown names where they are used and circles where they close.
 */
function conditionEvaluator(doc, scope) {
    const defs = conditionDefinitions(doc);
    const values = new Map();
    const inProgress = new Set();
    const evalScope = { ...scope, condition: (name, ptr) => lookup(name, ptr) };
    function lookup(name, ptr) {
        const known = values.get(name);
        if (known !== undefined)
            return known;
        if (!Object.prototype.hasOwnProperty.call(defs, name)) {
            scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'unknown-condition', `condition '${name}' is not defined in the conditions section${didYouMean(name, Object.keys(defs))}`));
            return functions_spec/* INVALID */.uY;
        }
        if (inProgress.has(name)) {
            scope.out.push((0,diagnostic_factory/* diagnosticAt */.R)(scope.tpl, ptr, 'condition-cycle', `condition '${name}' depends on itself`));
            return functions_spec/* INVALID */.uY;
        }
        inProgress.add(name);
        const value = evaluateCondition(defs[name], (0,types/* childPointer */.Y2)('/conditions', name), evalScope);
        inProgress.delete(name);
        values.set(name, value);
        return value;
    }
    return lookup;
}

// EXTERNAL MODULE: ./src/template/parameters.ts + 2 modules
var parameters = __nccwpck_require__(7191);
;// CONCATENATED MODULE: ./src/template/graph.ts

function adjacency(nodes, edges) {
    const adj = new Map(nodes.map((n) => [n, []]));
    for (const e of edges)
        if (e.from !== e.to && adj.has(e.from) && adj.has(e.to))
            adj.get(e.from)?.push(e);
    return adj;
}
/**
 * Every cycle found by a depth-first walk in template order, each set of resources once.
 * Self-dependencies are not cycles here (references.ts reports them on their own).
 */
function findCycles(nodes, edges) {
    const adj = adjacency(nodes, edges);
    const order = new Map(nodes.map((n, i) => [n, i]));
    const state = new Map();
    const cycles = [];
    const seen = new Set();
    for (const root of nodes) {
        if (state.has(root))
            continue;
        // Iterative, so a long chain of resources cannot overflow the stack.
        const stack = [{ node: root, next: 0 }];
        state.set(root, 'open');
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const out = adj.get(top.node) ?? [];
            if (top.next >= out.length) {
                state.set(top.node, 'done');
                stack.pop();
                continue;
            }
            const edge = out[top.next++];
            const s = state.get(edge.to);
            if (s === undefined) {
                state.set(edge.to, 'open');
                stack.push({ node: edge.to, next: 0, via: edge });
            }
            else if (s === 'open') {
                const from = stack.findIndex((f) => f.node === edge.to);
                const loopEdges = [...stack.slice(from + 1).map((f) => f.via), edge];
                const key = loopEdges.map((e) => e.from).sort().join('\u0000');
                if (seen.has(key))
                    continue;
                seen.add(key);
                // Start the chain at the resource that comes first in the template.
                let first = 0;
                loopEdges.forEach((e, i) => { if ((order.get(e.from) ?? 0) < (order.get(loopEdges[first].from) ?? 0))
                    first = i; });
                const rotated = [...loopEdges.slice(first), ...loopEdges.slice(0, first)];
                cycles.push({ chain: [...rotated.map((e) => e.from), rotated[0].from], edge: rotated[0] });
            }
        }
    }
    return cycles;
}
/** One `dependency-cycle` error per cycle, at the reference that leaves its first resource. */
function cycleDiagnostics(tpl, nodes, edges) {
    return findCycles(nodes, edges).map((c) => (0,diagnostic_factory/* diagnosticAt */.R)(tpl, c.edge.ptr, 'dependency-cycle', `dependency cycle: ${c.chain.join(' -> ')}`));
}
/**
 * Resources in an order that puts every dependency first, template order otherwise
 * (Kahn's algorithm). Resources on a cycle come last, in template order.
 */
function dependencyOrder(nodes, edges) {
    const adj = adjacency(nodes, edges);
    const waiting = new Map(nodes.map((n) => [n, new Set((adj.get(n) ?? []).map((e) => e.to)).size]));
    const dependents = new Map(nodes.map((n) => [n, []]));
    for (const n of nodes)
        for (const to of new Set((adj.get(n) ?? []).map((e) => e.to)))
            dependents.get(to)?.push(n);
    const done = [];
    const placed = new Set();
    let progress = true;
    while (progress) {
        progress = false;
        for (const n of nodes) {
            if (placed.has(n) || (waiting.get(n) ?? 0) > 0)
                continue;
            placed.add(n);
            done.push(n);
            progress = true;
            for (const d of dependents.get(n) ?? [])
                waiting.set(d, (waiting.get(d) ?? 1) - 1);
        }
    }
    return [...done, ...nodes.filter((n) => !placed.has(n))];
}

;// CONCATENATED MODULE: ./src/template/references.ts




/** The resources section's entries, in template order (non-map definitions skipped: the schema reports them). */
function resourceEntries(doc) {
    if (!(0,functions_spec/* isMap */.jh)(doc) || !(0,functions_spec/* isMap */.jh)(doc.resources))
        return [];
    return Object.entries(doc.resources).filter((e) => (0,functions_spec/* isMap */.jh)(e[1]));
}
/** Names and pointers of depends_on: a name or a list of names. */
function dependsOnEntries(def, resourcePtr) {
    const value = def.depends_on;
    const ptr = (0,types/* childPointer */.Y2)(resourcePtr, 'depends_on');
    if (typeof value === 'string')
        return [{ name: value, ptr }];
    if (!Array.isArray(value))
        return [];
    return value.flatMap((v, i) => (typeof v === 'string' ? [{ name: v, ptr: (0,types/* childPointer */.Y2)(ptr, i) }] : []));
}
/** get_resource / get_attr calls naming a resource literally, anywhere below `node`. */
function literalReferences(node, ptr, depth = 0) {
    if (depth > 200)
        return [];
    if (Array.isArray(node))
        return node.flatMap((v, i) => literalReferences(v, (0,types/* childPointer */.Y2)(ptr, i), depth + 1));
    if (!(0,functions_spec/* isMap */.jh)(node))
        return [];
    const key = (0,functions_spec/* soleKey */.ze)(node);
    if (key === 'get_resource' && typeof node[key] === 'string')
        return [{ name: node[key], ptr: (0,types/* childPointer */.Y2)(ptr, key) }];
    if (key === 'get_attr' && Array.isArray(node[key])) {
        const args = node[key];
        const own = typeof args[0] === 'string' ? [{ name: args[0], ptr: (0,types/* childPointer */.Y2)(ptr, key, 0) }] : [];
        return [...own, ...args.slice(1).flatMap((v, i) => literalReferences(v, (0,types/* childPointer */.Y2)(ptr, key, i + 1), depth + 1))];
    }
    return Object.entries(node).flatMap(([k, v]) => literalReferences(v, (0,types/* childPointer */.Y2)(ptr, k), depth + 1));
}
/** Every literal dependency edge of the template, in template order (edges to unknown names included). */
function dependencyEdges(doc) {
    const edges = [];
    for (const [name, def] of resourceEntries(doc)) {
        const rp = (0,types/* pointer */.Wn)('resources', name);
        for (const d of dependsOnEntries(def, rp))
            edges.push({ from: name, to: d.name, ptr: d.ptr });
        for (const r of literalReferences(def.properties, (0,types/* childPointer */.Y2)(rp, 'properties')))
            edges.push({ from: name, to: r.name, ptr: r.ptr });
    }
    return edges;
}
/**
 * Resource names with '/', depends_on naming no resource, and resources that depend on
 * themselves. (get_resource/get_attr naming no resource are reported by the function checks.)
 */
function checkReferences(tpl) {
    const out = [];
    const entries = resourceEntries(tpl.doc);
    const names = new Set((0,functions_spec/* isMap */.jh)(tpl.doc) && (0,functions_spec/* isMap */.jh)(tpl.doc.resources) ? Object.keys(tpl.doc.resources) : []);
    for (const name of names) {
        if (name.includes('/')) {
            out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, (0,types/* pointer */.Wn)('resources', name), 'invalid-resource-name', `resource name '${name}' must not contain '/'`, 'error', 'key'));
        }
    }
    for (const [name, def] of entries) {
        for (const d of dependsOnEntries(def, (0,types/* pointer */.Wn)('resources', name))) {
            if (!names.has(d.name)) {
                out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, d.ptr, 'unknown-resource', `resource '${name}' depends on '${d.name}', which is not a resource of this template${didYouMean(d.name, names)}`));
            }
        }
    }
    for (const e of dependencyEdges(tpl.doc)) {
        if (e.from === e.to)
            out.push((0,diagnostic_factory/* diagnosticAt */.R)(tpl, e.ptr, 'self-dependency', `resource '${e.from}' depends on itself`));
    }
    return out;
}

;// CONCATENATED MODULE: ./src/template/functions/deploy-time.ts
/**
 * Deploy-time evaluation: completes what resolveStack left in a resolved value once the
 * containers exist. Reference nodes (`get_resource`, `get_attr`) become their values, then the
 * calls kept around them (str_replace over a get_attr, say) are evaluated, innermost first,
 * by the same specs and checks as at resolve time.
 */




/**
 * Every version rule was applied to what the template wrote when it was resolved; what is
 * left to judge here are values a container produced, so the newest rules apply.
 */
const DEPLOY_VERSION = versions/* HOT_VERSIONS */.KU[versions/* HOT_VERSIONS */.KU.length - 1];
/** The message of a deploy-time failure, naming the function once. */
function failureMessage(name, message) {
    const detail = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
    return `${name} could not be evaluated at deploy time: ${detail}`;
}
/** A context whose failures throw: at deploy time there is no diagnostics list to add to. */
function deployContext() {
    const refuse = (site, what) => {
        throw new Error(failureMessage(site.name, `${what} cannot be looked up at deploy time`));
    };
    return {
        version: DEPLOY_VERSION,
        fail: (site, _code, message) => {
            throw new Error(failureMessage(site.name, message));
        },
        // Calls that need these are staticOnly: resolveStack never leaves them for deploy time.
        param: (name, site) => refuse(site, `parameter '${name}'`),
        resource: (name, site) => refuse(site, `resource '${name}'`),
        file: (path, site) => refuse(site, `file '${path}'`),
        // Arguments are values now, even those that look like a reference: container data is data.
        later: () => false,
    };
}
/** Evaluates one kept call whose arguments are complete. */
function deploy_time_evaluateCall(name, args) {
    const spec = functionSpec(name);
    const site = { name, ptr: '', argsPtr: '' };
    if (!spec?.evaluate)
        throw new Error(failureMessage(name, 'this function is not evaluated at deploy time'));
    const result = applyFunction(spec, args, deployContext(), site);
    // Neither can happen with a throwing context that sees no deferred value; never pass them on.
    if (result === functions_spec/* DEFER */.bO || result === functions_spec/* INVALID */.uY)
        throw new Error(failureMessage(name, 'no value'));
    return result;
}
/**
 * Completes the deploy-time nodes left by resolveStack: references are substituted, then every
 * call kept around them is evaluated, innermost first. Values a reference yields are never
 * walked again, so container data that looks like a function call stays data. A one-key map
 * naming a function but holding no reference is data too (resolveStack evaluated every such call).
 *
 * Throws an Error when the runtime cannot answer a reference, or when a kept call fails on
 * the real values (str_split index out of range, list_join of something not a list...); the
 * message names the function, and the deploy stage reports it as the resource's failure.
 */
function evaluateRuntime(value, runtime) {
    if (Array.isArray(value))
        return value.map((v) => evaluateRuntime(v, runtime));
    if (!(0,functions_spec/* isMap */.jh)(value))
        return value;
    const key = (0,functions_spec/* soleKey */.ze)(value);
    if (key === 'get_resource' && typeof value[key] === 'string')
        return runtime.resourceId(value[key]);
    if (key === 'get_attr' && Array.isArray(value[key])) {
        const [name, attr, ...path] = value[key];
        return runtime.attribute(String(name), String(attr), path);
    }
    if (key !== undefined && !functions_spec/* RUNTIME_FUNCTIONS */.jr.includes(key) && functionSpec(key) && (0,functions_spec/* containsRuntime */.yk)(value[key])) {
        return deploy_time_evaluateCall(key, evaluateRuntime(value[key], runtime));
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateRuntime(v, runtime)]));
}

;// CONCATENATED MODULE: ./src/template/resolve.ts












/** Parameters every stack has without declaring them. */
const PSEUDO_PARAMETERS = ['OS::stack_name', 'OS::stack_id', 'OS::project_id'];
function outputEntries(doc) {
    if (!(0,functions_spec/* isMap */.jh)(doc) || !(0,functions_spec/* isMap */.jh)(doc.outputs))
        return [];
    return Object.entries(doc.outputs).filter((e) => (0,functions_spec/* isMap */.jh)(e[1]));
}
function sectionNames(doc, section) {
    return (0,functions_spec/* isMap */.jh)(doc) && (0,functions_spec/* isMap */.jh)(doc[section]) ? Object.keys(doc[section]) : [];
}
/**
 * Every semantic check of a template that does not need evaluation: functions (version,
 * placement, arguments), names of parameters/resources/attributes/conditions, get_file
 * paths, conditions, resource names, depends_on and dependency cycles. Never throws.
 */
function checkTemplateSemantics(tpl, version, params, options) {
    const out = [];
    const doc = tpl.doc;
    const defs = (0,functions_spec/* isMap */.jh)(params.definitions) ? Object.keys(params.definitions) : [];
    const scope = {
        tpl,
        version,
        parameters: new Set([...defs, ...PSEUDO_PARAMETERS]),
        resources: new Set(sectionNames(doc, 'resources')),
        conditions: new Set(Object.keys(conditionDefinitions(doc))),
        files: { ...options, baseDir: templateDir(options.workspace, tpl.file) },
        out,
    };
    checkConditions(doc, scope);
    for (const [name, def] of resourceEntries(doc)) {
        const rp = (0,types/* pointer */.Wn)('resources', name);
        if ('properties' in def)
            checkValue(def.properties, (0,types/* childPointer */.Y2)(rp, 'properties'), scope);
        if ('condition' in def)
            checkCondition(def.condition, (0,types/* childPointer */.Y2)(rp, 'condition'), scope);
        if ('deletion_policy' in def)
            checkValue(def.deletion_policy, (0,types/* childPointer */.Y2)(rp, 'deletion_policy'), scope);
    }
    for (const [name, def] of outputEntries(doc)) {
        const op = (0,types/* pointer */.Wn)('outputs', name);
        if ('value' in def)
            checkValue(def.value, (0,types/* childPointer */.Y2)(op, 'value'), scope);
        if ('condition' in def)
            checkCondition(def.condition, (0,types/* childPointer */.Y2)(op, 'condition'), scope);
    }
    out.push(...checkReferences(tpl));
    const known = scope.resources;
    out.push(...cycleDiagnostics(tpl, [...known], dependencyEdges(doc).filter((e) => known.has(e.to))));
    return out;
}
/** Names of the resources referenced by deploy-time nodes inside a resolved value. */
function runtimeTargets(value, into) {
    if ((0,functions_spec/* isRuntimeNode */.$I)(value)) {
        const key = (0,functions_spec/* soleKey */.ze)(value);
        const args = value[key];
        const name = Array.isArray(args) ? args[0] : args;
        if (typeof name === 'string')
            into.push(name);
    }
    else if (Array.isArray(value)) {
        value.forEach((v) => runtimeTargets(v, into));
    }
    else if ((0,functions_spec/* isMap */.jh)(value)) {
        Object.values(value).forEach((v) => runtimeTargets(v, into));
    }
    return into;
}
/**
 * Container properties hotdock needs before any container of the stack exists, and why: a
 * deploy-time reference there is `value-unknown-before-deploy`.
 */
const STATIC_PROPERTIES = {
    image: 'images are pulled before any container is created',
    docker_endpoint: 'it decides where the container runs, before any container exists',
    name: 'the container name is decided before the container is created (and compared across the stack)',
};
/** Deploy-time values where a resource needs its value before deploy: the properties map itself, and STATIC_PROPERTIES. */
function staticPropertyProblems(tpl, name, propsPtr, properties) {
    const fail = (at, message) => (0,diagnostic_factory/* diagnosticAt */.R)(tpl, at, 'value-unknown-before-deploy', `resource '${name}': ${message}`);
    if (isDeferred(properties)) {
        return [fail(propsPtr, `the properties map must be known before deploy (image, name and docker_endpoint are needed first), but it needs ${(0,functions_spec/* firstReference */.oQ)(properties)}; use deploy-time references in property values only`)];
    }
    if (!(0,functions_spec/* isMap */.jh)(properties))
        return [];
    return Object.entries(STATIC_PROPERTIES).flatMap(([prop, why]) => (0,functions_spec/* containsRuntime */.yk)(properties[prop])
        ? [fail((0,types/* childPointer */.Y2)(propsPtr, prop), `${prop} must be known before deploy (${why}), but it needs ${(0,functions_spec/* firstReference */.oQ)(properties[prop])}, which is only known once that resource is deployed`)]
        : []);
}
/**
 * Evaluates conditions and every static function, drops what a false condition excludes,
 * and collects each resource's dependencies. Returns the stack only when there is no error.
 */
function resolveStack(tpl, version, params, options) {
    const out = [];
    const doc = tpl.doc;
    const values = { 'OS::stack_name': options.stackName, ...params.values };
    const entries = resourceEntries(doc);
    const allNames = sectionNames(doc, 'resources');
    const enabled = new Map();
    const base = {
        tpl,
        version,
        params: values,
        resourceState: (name) => (!allNames.includes(name) ? 'unknown' : enabled.get(name) ? 'enabled' : 'disabled'),
        files: { workspace: options.workspace, readFile: options.readFile, realPath: options.realPath, baseDir: templateDir(options.workspace, tpl.file) },
        out,
    };
    const scope = { ...base, condition: conditionEvaluator(doc, base) };
    const holds = (def, ptr) => !('condition' in def) || evaluateCondition(def.condition, (0,types/* childPointer */.Y2)(ptr, 'condition'), scope) === true;
    for (const [name, def] of entries)
        enabled.set(name, holds(def, (0,types/* pointer */.Wn)('resources', name)));
    // Conditions nobody uses are still evaluated: a broken one is a broken template.
    for (const name of Object.keys(conditionDefinitions(doc)))
        scope.condition(name, (0,types/* pointer */.Wn)('conditions', name));
    const order = new Map(allNames.map((n, i) => [n, i]));
    const resources = [];
    const edges = [];
    for (const [name, def] of entries) {
        if (!enabled.get(name))
            continue;
        const rp = (0,types/* pointer */.Wn)('resources', name);
        const props = (0,functions_spec/* isMap */.jh)(def.properties) ? evaluateValue(def.properties, (0,types/* childPointer */.Y2)(rp, 'properties'), scope) : {};
        const policy = 'deletion_policy' in def ? evaluateValue(def.deletion_policy, (0,types/* childPointer */.Y2)(rp, 'deletion_policy'), scope) : 'Delete';
        // Properties left out whole by `if` (2021-04-16) mean no properties.
        const properties = props === functions_spec/* OMIT */.gD ? {} : props;
        if ((0,functions_spec/* containsInvalid */.Xm)(properties) || policy === functions_spec/* INVALID */.uY)
            continue;
        const early = staticPropertyProblems(tpl, name, (0,types/* childPointer */.Y2)(rp, 'properties'), properties);
        out.push(...early);
        if (early.length > 0)
            continue;
        const explicit = dependsOnEntries(def, rp).filter((d) => enabled.get(d.name));
        const implicit = runtimeTargets(properties, []);
        for (const d of explicit)
            edges.push({ from: name, to: d.name, ptr: d.ptr });
        for (const t of implicit)
            edges.push({ from: name, to: t, ptr: (0,types/* childPointer */.Y2)(rp, 'properties') });
        const dependsOn = [...new Set([...explicit.map((d) => d.name), ...implicit])]
            .filter((d) => d !== name && order.has(d))
            .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
        resources.push({
            name,
            type: typeof def.type === 'string' ? def.type : String(def.type),
            properties: properties,
            dependsOn,
            deletionPolicy: typeof policy === 'string' && policy.toLowerCase() === 'retain' ? 'Retain' : 'Delete',
            pointer: rp,
        });
    }
    // Only references computed by functions can form a cycle the checks could not see.
    out.push(...cycleDiagnostics(tpl, resources.map((r) => r.name), edges));
    const outputs = {};
    for (const [name, def] of outputEntries(doc)) {
        const op = (0,types/* pointer */.Wn)('outputs', name);
        if (!holds(def, op))
            continue;
        const evaluated = evaluateValue(def.value, (0,types/* childPointer */.Y2)(op, 'value'), scope);
        const value = evaluated === functions_spec/* OMIT */.gD ? null : evaluated;
        if ((0,functions_spec/* containsInvalid */.Xm)(value))
            continue;
        outputs[name] = typeof def.description === 'string' ? { value, description: def.description } : { value };
    }
    redactSecrets(out, params.hidden.map((name) => values[name]));
    if ((0,diagnostics/* hasErrors */.C)(out))
        return { diagnostics: out };
    return {
        stack: { version, stackName: options.stackName, parameters: values, hiddenParameters: [...params.hidden], resources, outputs },
        diagnostics: out,
    };
}
/** Messages quote evaluated values: a hidden parameter's value must not reach a log or a PR comment. */
function redactSecrets(diagnostics, secrets) {
    const texts = secrets.map(functions_spec/* toText */.fE).filter((t) => t !== '').sort((a, b) => b.length - a.length);
    for (const d of diagnostics)
        for (const t of texts)
            d.message = d.message.split(t).join(parameters/* MASK */.v);
}


/***/ }),

/***/ 5415:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Wn: () => (/* binding */ pointer),
/* harmony export */   Y2: () => (/* binding */ childPointer),
/* harmony export */   lZ: () => (/* binding */ escapePointer)
/* harmony export */ });
/** Escapes one JSON Pointer segment. */
function escapePointer(segment) {
    return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}
/** Joins segments into a JSON Pointer: pointer('resources', 'web') → '/resources/web'. */
function pointer(...segments) {
    return segments.map((s) => '/' + escapePointer(s)).join('');
}
/** Appends segments to an existing pointer. */
function childPointer(parent, ...segments) {
    return parent + pointer(...segments);
}


/***/ }),

/***/ 9481:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KU: () => (/* binding */ HOT_VERSIONS),
/* harmony export */   gk: () => (/* binding */ checkVersionFeatures),
/* harmony export */   ps: () => (/* binding */ checkVersion),
/* harmony export */   zy: () => (/* binding */ versionAtLeast)
/* harmony export */ });
/* unused harmony exports HOT_VERSION_ALIASES, normalizeVersion, FEATURE_VERSIONS */
/* harmony import */ var _diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7884);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5415);


/** Every HOT version Heat knows, oldest first (canonical date form). */
const HOT_VERSIONS = [
    '2013-05-23',
    '2014-10-16',
    '2015-04-30',
    '2015-10-15',
    '2016-04-08',
    '2016-10-14',
    '2017-02-24',
    '2017-09-01',
    '2018-03-02',
    '2018-08-31',
    '2021-04-16',
];
/** Release names Heat accepts in place of a date. */
const HOT_VERSION_ALIASES = {
    newton: '2016-10-14',
    ocata: '2017-02-24',
    pike: '2017-09-01',
    queens: '2018-03-02',
    rocky: '2018-08-31',
    wallaby: '2021-04-16',
};
const VERSION_KEY = '/heat_template_version';
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Canonical form of a version as written, or undefined when it is not a known version. */
function normalizeVersion(raw) {
    let text;
    if (typeof raw === 'string')
        text = raw.trim();
    // A YAML 1.1 loader turns an unquoted date into a Date: take its calendar date back.
    else if (raw instanceof Date && !Number.isNaN(raw.getTime()))
        text = raw.toISOString().slice(0, 10);
    if (text === undefined)
        return undefined;
    if (HOT_VERSIONS.includes(text))
        return text;
    return HOT_VERSION_ALIASES[text];
}
/** Lists the accepted spellings, for messages. */
function validVersionsText() {
    const aliasOf = new Map(Object.entries(HOT_VERSION_ALIASES).map(([alias, v]) => [v, alias]));
    return HOT_VERSIONS.map((v) => (aliasOf.has(v) ? `${v} (${aliasOf.get(v)})` : v)).join(', ');
}
/**
 * Reads `heat_template_version`. Missing → `missing-version` at 1:1; not a string or not a
 * known version → `unknown-version` at the value, listing the valid ones.
 */
function checkVersion(tpl) {
    const doc = tpl.doc;
    // A document that is not a mapping at all is a structure error reported elsewhere.
    if (doc !== null && doc !== undefined && !isMapping(doc))
        return { diagnostics: [] };
    if (!isMapping(doc) || !('heat_template_version' in doc)) {
        return {
            diagnostics: [
                {
                    file: tpl.file,
                    line: 1,
                    column: 1,
                    path: VERSION_KEY,
                    code: 'missing-version',
                    message: `the template has no heat_template_version; add one, e.g. 'heat_template_version: 2021-04-16' (valid versions: ${validVersionsText()})`,
                    severity: 'error',
                },
            ],
        };
    }
    const raw = doc.heat_template_version;
    const version = normalizeVersion(raw);
    if (version)
        return { version, diagnostics: [] };
    const shown = typeof raw === 'string' ? `'${raw}'` : raw === null ? 'an empty value' : JSON.stringify(raw) ?? String(raw);
    return {
        diagnostics: [
            (0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_0__/* .diagnosticAt */ .R)(tpl, VERSION_KEY, 'unknown-version', `heat_template_version ${shown} is not a known HOT version; valid versions are ${validVersionsText()}`),
        ],
    };
}
/** True when `v` is `min` or newer. Canonical versions are ISO dates, so text order is time order. */
function versionAtLeast(v, min) {
    return v >= min;
}
/** The version that brought each gated template feature. */
const FEATURE_VERSIONS = {
    conditions: '2016-10-14',
    resourceCondition: '2016-10-14',
    externalId: '2016-10-14',
    outputCondition: '2016-10-14',
    parameterTags: '2018-03-02',
    modulo: '2017-02-24',
};
function tooNew(what, min, version) {
    return `${what} needs heat_template_version ${min} or later; this template is ${version}`;
}
/**
 * Template features (not functions) used in a template older than the version that brought
 * them: the `conditions` section, resource `condition`/`external_id`, output `condition`,
 * parameter `tags` and the `modulo` constraint. Each one → `feature-not-in-version` at its key.
 */
function checkVersionFeatures(tpl, version) {
    const doc = tpl.doc;
    if (!isMapping(doc))
        return [];
    const out = [];
    const gate = (ptr, what, min) => {
        if (!versionAtLeast(version, min)) {
            out.push((0,_diagnostic_factory_js__WEBPACK_IMPORTED_MODULE_0__/* .diagnosticAt */ .R)(tpl, ptr, 'feature-not-in-version', tooNew(what, min, version), 'error', 'key'));
        }
    };
    if ('conditions' in doc)
        gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('conditions'), "the 'conditions' section", FEATURE_VERSIONS.conditions);
    if (isMapping(doc.parameters)) {
        for (const [name, def] of Object.entries(doc.parameters)) {
            if (!isMapping(def))
                continue;
            const base = (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('parameters', name);
            if ('tags' in def)
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)(base, 'tags'), `the 'tags' key of parameter '${name}'`, FEATURE_VERSIONS.parameterTags);
            if (!Array.isArray(def.constraints))
                continue;
            def.constraints.forEach((c, i) => {
                if (isMapping(c) && 'modulo' in c) {
                    gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)(base, 'constraints', i, 'modulo'), `the 'modulo' constraint of parameter '${name}'`, FEATURE_VERSIONS.modulo);
                }
            });
        }
    }
    if (isMapping(doc.resources)) {
        for (const [name, res] of Object.entries(doc.resources)) {
            if (!isMapping(res))
                continue;
            const base = (0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('resources', name);
            if ('condition' in res)
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)(base, 'condition'), `the 'condition' key of resource '${name}'`, FEATURE_VERSIONS.resourceCondition);
            if ('external_id' in res)
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)(base, 'external_id'), `the 'external_id' key of resource '${name}'`, FEATURE_VERSIONS.externalId);
        }
    }
    if (isMapping(doc.outputs)) {
        for (const [name, out_] of Object.entries(doc.outputs)) {
            if (isMapping(out_) && 'condition' in out_) {
                gate((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .childPointer */ .Y2)((0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .pointer */ .Wn)('outputs', name), 'condition'), `the 'condition' key of output '${name}'`, FEATURE_VERSIONS.outputCondition);
            }
        }
    }
    return out;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 9140:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("constants");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 8056:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 4352:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = __nccwpck_require__(5077)
const { SCHEMES, getSchemeHandler } = __nccwpck_require__(5300)

const VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u
const MALFORMED_SCHEME_ERROR = 'URI scheme is malformed.'
const MALFORMED_HOST_ERROR = 'URI host is malformed.'
// ASCII characters outside the RFC 3986 reg-name set (unreserved, sub-delims
// and "%" for pct-encoded): C0 controls, space, DEL, and "#/:<>?@[\]^`{|}.
const FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u

/**
 * RFC 3986 section 3.1 does not allow percent-encoding in a scheme, so the
 * scheme is validated as-is and never decoded. Decoding would let inert input
 * such as `%6Aavascript:` become a live `javascript:` scheme.
 *
 * @param {string} scheme
 * @returns {string}
 */
function validateScheme (scheme) {
  const stringScheme = String(scheme)
  if (!VALID_SCHEME.test(stringScheme)) {
    throw new TypeError(MALFORMED_SCHEME_ERROR)
  }
  return stringScheme
}

/**
 * @template {import('./types/index').URIComponent|string} T
 * @param {T} uri
 * @param {import('./types/index').Options} [options]
 * @returns {T}
 */
function normalize (uri, options) {
  if (typeof uri === 'string') {
    uri = /** @type {T} */ (normalizeString(uri, options))
  } else if (typeof uri === 'object') {
    uri = /** @type {T} */ (parse(serialize(uri, options), options))
  }
  return uri
}

/**
 * @param {string} baseURI
 * @param {string} relativeURI
 * @param {import('./types/index').Options} [options]
 * @returns {string}
 */
function resolve (baseURI, relativeURI, options) {
  const schemelessOptions = options ? Object.assign({ scheme: 'null' }, options) : { scheme: 'null' }
  const {
    parsed: baseParsed,
    malformedAuthorityOrPort: baseMalformed,
    malformedPercentEncoding: baseMalformedPercentEncoding,
    malformedSchemeSpecific: baseMalformedSchemeSpecific,
    malformedHost: baseMalformedHost,
    malformedScheme: baseMalformedScheme
  } = parseWithStatus(baseURI, schemelessOptions)
  const {
    parsed: relativeParsed,
    malformedAuthorityOrPort: relativeMalformed,
    malformedPercentEncoding: relativeMalformedPercentEncoding,
    malformedSchemeSpecific: relativeMalformedSchemeSpecific,
    malformedHost: relativeMalformedHost,
    malformedScheme: relativeMalformedScheme
  } = parseWithStatus(relativeURI, schemelessOptions)
  if (
    baseMalformed ||
    relativeMalformed ||
    baseMalformedPercentEncoding ||
    relativeMalformedPercentEncoding ||
    baseMalformedSchemeSpecific ||
    relativeMalformedSchemeSpecific ||
    baseMalformedHost ||
    relativeMalformedHost ||
    baseMalformedScheme ||
    relativeMalformedScheme
  ) {
    throw new Error(baseParsed.error || relativeParsed.error || 'URI is malformed.')
  }
  const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true)
  const resolvedSchemeHandler = getSchemeHandler((options && options.scheme) || resolved.scheme)
  const resolvedHost = resolved.host
  const resolvedHostIsIP = resolvedHost !== undefined && resolvedHost !== '' &&
    (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6)
  // Inputs are parsed scheme-neutrally, so delimiters and controls in a domain
  // host are only detected here, once the final scheme is known. They always
  // fail closed, including in percent-encoded hosts.
  if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
    throw new Error(MALFORMED_HOST_ERROR)
  }
  canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)
  // Percent escapes in an ASCII reg-name are encoded data. The WHATWG hostname
  // parser can reject them even though fast-uri preserves them safely as RFC
  // 3986 data. A raw non-ASCII host must still fail closed if conversion fails.
  const encodedASCIIHost = resolvedHost && resolvedHost.indexOf('%') !== -1 &&
    !/\P{ASCII}/u.test(resolvedHost)
  if (resolved.error && !encodedASCIIHost) {
    throw new Error(resolved.error)
  }
  schemelessOptions.skipEscape = true
  return serialize(resolved, schemelessOptions)
}

/**
 * @param {import ('./types/index').URIComponent} base
 * @param {import ('./types/index').URIComponent} relative
 * @param {import('./types/index').Options} [options]
 * @param {boolean} [skipNormalization=false]
 * @returns {import ('./types/index').URIComponent}
 */
function resolveComponent (base, relative, options, skipNormalization) {
  /** @type {import('./types/index').URIComponent} */
  const target = {}
  if (!skipNormalization) {
    base = parse(serialize(base, options), options) // normalize base component
    relative = parse(serialize(relative, options), options) // normalize relative component
  }
  options = options || {}

  if (!options.tolerant && relative.scheme) {
    target.scheme = relative.scheme
    // target.authority = relative.authority;
    target.userinfo = relative.userinfo
    target.host = relative.host
    target.port = relative.port
    target.path = removeDotSegments(relative.path || '')
    target.query = relative.query
  } else {
    if (relative.userinfo !== undefined || relative.host !== undefined || relative.port !== undefined) {
      // target.authority = relative.authority;
      target.userinfo = relative.userinfo
      target.host = relative.host
      target.port = relative.port
      target.path = removeDotSegments(relative.path || '')
      target.query = relative.query
    } else {
      if (!relative.path) {
        target.path = base.path
        if (relative.query !== undefined) {
          target.query = relative.query
        } else {
          target.query = base.query
        }
      } else {
        if (relative.path[0] === '/') {
          target.path = removeDotSegments(relative.path)
        } else {
          const baseHasAuthority = base.userinfo !== undefined || base.host !== undefined || base.port !== undefined
          if (baseHasAuthority && !base.path) {
            target.path = '/' + relative.path
          } else if (!base.path) {
            target.path = relative.path
          } else {
            target.path = base.path.slice(0, base.path.lastIndexOf('/') + 1) + relative.path
          }
          target.path = base.scheme === undefined && !baseHasAuthority && target.path[0] !== '/'
            ? removeDotSegmentsRelative(target.path)
            : removeDotSegments(target.path)
        }
        target.query = relative.query
      }
      // target.authority = base.authority;
      target.userinfo = base.userinfo
      target.host = base.host
      target.port = base.port
    }
    target.scheme = base.scheme
  }

  target.fragment = relative.fragment

  return target
}

/**
 * @param {import ('./types/index').URIComponent|string} uriA
 * @param {import ('./types/index').URIComponent|string} uriB
 * @param {import ('./types/index').Options} options
 * @returns {boolean}
 */
function equal (uriA, uriB, options) {
  const normalizedA = normalizeComparableURI(uriA, options)
  const normalizedB = normalizeComparableURI(uriB, options)

  return normalizedA !== undefined && normalizedB !== undefined && normalizedA === normalizedB
}

/**
 * @param {Readonly<import('./types/index').URIComponent>} cmpts
 * @param {import('./types/index').Options} [opts]
 * @returns {string}
 */
function serialize (cmpts, opts) {
  const component = {
    host: cmpts.host,
    scheme: cmpts.scheme,
    userinfo: cmpts.userinfo,
    port: cmpts.port,
    path: cmpts.path,
    query: cmpts.query,
    nid: cmpts.nid,
    nss: cmpts.nss,
    uuid: cmpts.uuid,
    fragment: cmpts.fragment,
    reference: cmpts.reference,
    resourceName: cmpts.resourceName,
    secure: cmpts.secure,
    error: ''
  }
  const options = Object.assign({}, opts)
  const uriTokens = []

  if (component.scheme) {
    component.scheme = validateScheme(component.scheme)
  }

  // find scheme handler
  const schemeHandler = getSchemeHandler(options.scheme || component.scheme)

  // perform scheme specific serialization
  if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options)

  const hasAuthority = component.userinfo !== undefined || component.host !== undefined || component.port !== undefined
  // A reference with no emitted scheme is path-noscheme: a bare ':' in its
  // first path segment would reparse as a scheme (RFC 3986 3.3/4.2). Enforced
  // under skipEscape too (resolve()), so the reapply below gates on this flag.
  const schemelessReference = (component.scheme === undefined || options.reference === 'suffix') && !hasAuthority
  const pathNoScheme = !options.skipEscape && schemelessReference

  if (component.path !== undefined) {
    if (!options.skipEscape) {
      component.path = serializePathEncoding(component.path, pathNoScheme)
    } else {
      component.path = normalizePercentEncoding(component.path)
    }
  }

  if (options.reference !== 'suffix' && component.scheme) {
    // Scheme handlers may replace the scheme during serialization.
    component.scheme = validateScheme(component.scheme)
    uriTokens.push(component.scheme, ':')
  }

  const authority = recomposeAuthority(component)
  if (authority !== undefined) {
    if (options.reference !== 'suffix') {
      uriTokens.push('//')
    }

    uriTokens.push(authority)

    if (component.path && component.path[0] !== '/') {
      uriTokens.push('/')
    }
  }
  if (component.path !== undefined) {
    let s = component.path

    if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
      // A relative-path reference keeps its unresolvable leading ".." segments
      // and must never become root-relative (RFC 3986 section 5.2.4 applies to
      // merged target paths, not to the reference itself).
      s = schemelessReference && s[0] !== '/'
        ? removeDotSegmentsRelative(s)
        : removeDotSegments(s)
    }

    // Dot-segment removal can expose a colon that was not originally in the
    // first segment (for example, "./a:b"). Reapply path-noscheme encoding so
    // the serialized relative reference cannot be reparsed as a URI scheme.
    if (schemelessReference) {
      s = serializePathEncoding(s, true)
    }

    if (
      authority === undefined &&
      s[0] === '/' &&
      s[1] === '/'
    ) {
      // don't allow the path to start with "//"
      s = '/%2F' + s.slice(2)
    }

    uriTokens.push(s)
  }

  if (component.query !== undefined) {
    uriTokens.push('?', encodeQuery(component.query))
  }

  if (component.fragment !== undefined) {
    uriTokens.push('#', encodeFragment(component.fragment))
  }
  return uriTokens.join('')
}

const URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u

// Captures the authority component (between "//" and the next "/", "?" or "#"),
// with or without a scheme prefix, for the literal-backslash rejection below.
const AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/

// Captures the leading authority-introducer region after an optional scheme: a
// run of forward slashes, backslashes, and the characters the WHATWG URL parser
// removes before parsing (TAB U+0009, LF U+000A, CR U+000D). A valid introducer
// is exactly "//". Node treats "\" as "/" on special schemes and strips those
// characters first, so forms like "\\", "/\", "\/", "/<TAB>/", or a leading
// "<TAB>//" reach an authority in Node while fast-uri's URI_PARSE folds them into
// the path group (host confusion / SSRF / redirect bypass).
const AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/

/**
 * @param {import('./types/index').URIComponent} parsed
 * @param {RegExpMatchArray} matches
 * @returns {string|undefined}
 */
function getParseError (parsed, matches) {
  if (matches[2] !== undefined && parsed.path && parsed.path[0] !== '/') {
    return 'URI path must start with "/" when authority is present.'
  }

  if (typeof parsed.port === 'number' && (parsed.port < 0 || parsed.port > 65535)) {
    return 'URI port is malformed.'
  }

  return undefined
}

/**
 * Checks percent syntax without decoding the represented octets. RFC 3986
 * percent-encoding is byte-oriented, so sequences such as `%FF` are valid even
 * though they are not independently valid UTF-8.
 *
 * @param {string|undefined} component
 * @returns {boolean}
 */
function hasMalformedPercentEncoding (component) {
  if (component === undefined) return false

  let percent = component.indexOf('%')
  while (percent !== -1) {
    if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
      return true
    }
    percent = component.indexOf('%', percent + 3)
  }

  return false
}

/**
 * Whether the host is a bracketed IP literal (RFC 3986 `IP-literal`).
 * An unterminated `[` is not a literal, so it must still be validated as a
 * reg-name instead of being waved through as an IP.
 *
 * @param {string} host
 * @returns {boolean}
 */
function isIPLiteral (host) {
  return host[0] === '[' && host[host.length - 1] === ']'
}

/**
 * @param {RegExpMatchArray} matches
 * @returns {boolean}
 */
function hasMalformedComponentPercentEncoding (matches) {
  // Bracketed IP literals use a raw "%" as the zone separator for historical
  // compatibility. Their parsing is intentionally left to normalizeIPv6.
  const host = matches[4]
  return hasMalformedPercentEncoding(matches[3]) ||
    (host !== undefined && !isIPLiteral(host) && hasMalformedPercentEncoding(host)) ||
    hasMalformedPercentEncoding(matches[6]) ||
    hasMalformedPercentEncoding(matches[7]) ||
    hasMalformedPercentEncoding(matches[8])
}

/**
 * @param {import('./types/index').URIComponent} parsed
 * @param {import('./types/index').Options} options
 * @param {{ domainHost?: boolean, unicodeSupport?: boolean }|undefined} schemeHandler
 * @param {boolean} isIP
 * @returns {boolean} whether host conversion failed
 */
function canonicalizeHost (parsed, options, schemeHandler, isIP) {
  if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP)) {
    parsed.error = parsed.error || MALFORMED_HOST_ERROR
    return true
  }

  if (
    !options.unicodeSupport &&
    (!schemeHandler || !schemeHandler.unicodeSupport) &&
    parsed.host &&
    !isIPLiteral(parsed.host) &&
    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
    isIP === false &&
    nonSimpleDomain(parsed.host)
  ) {
    let url
    try {
      url = new URL('http://' + parsed.host)
    } catch (e) {
      parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e
      return true
    }
    // The WHATWG parser must have read the whole input as a host. Anything
    // else means it found a delimiter fast-uri did not, so its hostname would
    // describe a different authority.
    if (!isHostOnlyURL(url)) {
      parsed.error = parsed.error || MALFORMED_HOST_ERROR
      return true
    }
    parsed.host = url.hostname
  }
  return false
}

/**
 * Whether a domain host contains an ASCII character that RFC 3986 does not
 * allow in a reg-name (unreserved, sub-delims, or pct-encoded). Such a host is
 * rejected instead of being handed to the WHATWG URL parser, which would treat
 * "@" as a userinfo delimiter (silently dropping the data before it) and strip
 * TAB, LF, and CR. Non-ASCII characters remain allowed for IDNs.
 *
 * @param {import('./types/index').URIComponent} parsed
 * @param {import('./types/index').Options} options
 * @param {{ domainHost?: boolean }|undefined} schemeHandler
 * @param {boolean} isIP
 * @returns {boolean}
 */
function hasForbiddenDomainHost (parsed, options, schemeHandler, isIP) {
  return Boolean(
    parsed.host &&
    isIP === false &&
    !isIPLiteral(parsed.host) &&
    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
    FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
  )
}

/**
 * @param {URL} url
 * @returns {boolean}
 */
function isHostOnlyURL (url) {
  return url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.hostname !== ''
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {{ parsed: import('./types/index').URIComponent, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
 */
function parseWithStatus (uri, opts) {
  const options = Object.assign({}, opts)
  /** @type {import('./types/index').URIComponent} */
  const parsed = {
    scheme: undefined,
    userinfo: undefined,
    host: '',
    port: undefined,
    path: '',
    query: undefined,
    fragment: undefined
  }

  let malformedAuthorityOrPort = false
  let malformedPercentEncoding = false
  let malformedSchemeSpecific = false
  let malformedHost = false
  let malformedIPLiteral = false
  let malformedScheme = false

  let isIP = false
  if (options.reference === 'suffix') {
    if (options.scheme) {
      uri = options.scheme + ':' + uri
    } else {
      uri = '//' + uri
    }
  }

  // A literal backslash (U+005C) is not a valid RFC 3986 URI character and is
  // not an authority delimiter. Reject it in the authority rather than
  // rewriting it: normalizing "\" -> "/" (WHATWG error recovery) could silently
  // change the resource identified by an otherwise-invalid input, and lets "\"
  // act as a host delimiter here while Node's native URL parses a different
  // host (SSRF / redirect / origin-allowlist bypass). Percent-encoded %5C is
  // untouched and remains valid encoded data.
  const authorityMatch = uri.match(AUTHORITY_PREFIX)
  if (authorityMatch !== null && authorityMatch[1].indexOf('\\') !== -1) {
    parsed.error = 'URI authority must not contain a literal backslash.'
    malformedAuthorityOrPort = true
  }

  // Reject a malformed or whitespace-smuggled authority introducer. fast-uri
  // only recognizes a literal "//"; anything else in the leading separator run
  // (a backslash, or a "//" that appears only after removing the TAB/LF/CR that
  // Node strips) means the authority fast-uri parses differs from the one Node's
  // URL resolves. Reject rather than rewrite, mirroring the literal-backslash
  // guard above. Percent-encoded forms (%5C, %09) are untouched, valid data.
  const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION)
  if (introducerMatch !== null) {
    const region = introducerMatch[1]
    const normalizedRegion = region.replace(/[\t\n\r]/g, '')
    // Two or more leading separators introduce an authority.
    if (normalizedRegion.length >= 2) {
      if (normalizedRegion.slice(0, 2) !== '//') {
        parsed.error = parsed.error || 'URI authority must not contain a literal backslash.'
        malformedAuthorityOrPort = true
      } else if (region.length !== normalizedRegion.length) {
        parsed.error = parsed.error || 'URI authority introducer must not contain whitespace.'
        malformedAuthorityOrPort = true
      }
    }
  }

  const matches = uri.match(URI_PARSE)

  if (matches) {
    // store each component
    parsed.scheme = matches[1]
    parsed.userinfo = matches[3]
    parsed.host = matches[4]
    parsed.port = parseInt(matches[5], 10)
    parsed.path = matches[6] || ''
    parsed.query = matches[7]
    parsed.fragment = matches[8]

    if (parsed.scheme !== undefined) {
      if (VALID_SCHEME.test(parsed.scheme)) {
        parsed.scheme = parsed.scheme.toLowerCase()
      } else {
        parsed.error = parsed.error || MALFORMED_SCHEME_ERROR
        malformedScheme = true
      }
    }

    malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches)
    if (malformedPercentEncoding) {
      parsed.error = parsed.error || 'URI contains malformed percent-encoding.'
    }

    // fix port number
    if (isNaN(parsed.port)) {
      parsed.port = matches[5]
    }

    const parseError = getParseError(parsed, matches)
    if (parseError !== undefined) {
      parsed.error = parsed.error || parseError
      malformedAuthorityOrPort = true
    }

    if (parsed.host) {
      const ipv4result = isIPv4(parsed.host)
      if (ipv4result === false) {
        const bracketedIPLiteral = isIPLiteral(parsed.host)
        const hasIPLiteralBracket = parsed.host.indexOf('[') !== -1 || parsed.host.indexOf(']') !== -1
        const ipv6result = normalizeIPv6(parsed.host)
        isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true
        malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true)
        parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase()

        if (malformedIPLiteral) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR
          malformedAuthorityOrPort = true
        }
      } else {
        isIP = true
      }
    }
    if (parsed.scheme === undefined && parsed.userinfo === undefined && parsed.host === undefined && parsed.port === undefined && parsed.query === undefined && !parsed.path) {
      parsed.reference = 'same-document'
    } else if (parsed.scheme === undefined) {
      parsed.reference = 'relative'
    } else if (parsed.fragment === undefined) {
      parsed.reference = 'absolute'
    } else {
      parsed.reference = 'uri'
    }

    // check for reference errors
    if (options.reference && options.reference !== 'suffix' && options.reference !== parsed.reference) {
      parsed.error = parsed.error || 'URI is not a ' + options.reference + ' reference.'
    }

    // find scheme handler
    const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme)

    // convert Unicode IDN -> ASCII IDN when the effective scheme uses domain hosts
    if (!malformedIPLiteral) {
      malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP)
    }

    if (uri.indexOf('%') !== -1 && parsed.host !== undefined && !malformedIPLiteral) {
      let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true)
      if (!isIP) {
        // Fold reg-name case after decoding unreserved octets. The second
        // pass only restores uppercase hex in escapes that remain encoded.
        host = normalizePercentEncoding(host.toLowerCase())
      }
      // Resolution parses both inputs with the internal `null` scheme before
      // the effective scheme is known. Keep raw host delimiters for that step
      // so resolve() can reject them for domain-host schemes; the resolved
      // authority is encoded when it is serialized.
      parsed.host = isIP || options.scheme !== 'null' ? reescapeHostDelimiters(host, isIP) : host
    }

    if (!schemeHandler || (schemeHandler && !schemeHandler.skipNormalize)) {
      if (parsed.path) {
        parsed.path = normalizePathEncoding(parsed.path)
      }
      if (parsed.query) {
        parsed.query = normalizeQueryFragmentEncoding(parsed.query)
      }
      if (parsed.fragment) {
        parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment)
      }
    }

    // perform scheme specific parsing
    if (schemeHandler && schemeHandler.parse) {
      schemeHandler.parse(parsed, options)
      if (schemeHandler === SCHEMES.urn && parsed.nid === undefined) {
        malformedSchemeSpecific = true
      }
    }
  } else {
    parsed.error = parsed.error || 'URI can not be parsed.'
  }
  return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme }
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns
 */
function parse (uri, opts) {
  return parseWithStatus(uri, opts).parsed
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {string}
 */
function normalizeString (uri, opts) {
  return normalizeStringWithStatus(uri, opts).normalized
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {{ normalized: string, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
 */
function normalizeStringWithStatus (uri, opts) {
  const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts)
  return {
    normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
    malformedAuthorityOrPort,
    malformedPercentEncoding,
    malformedSchemeSpecific,
    malformedHost,
    malformedScheme
  }
}

/**
 * @param {import ('./types/index').URIComponent|string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {string|undefined}
 */
function normalizeComparableURI (uri, opts) {
  if (typeof uri !== 'string' && typeof uri !== 'object') {
    return undefined
  }

  let value
  try {
    value = typeof uri === 'string' ? uri : serialize(uri, opts)
  } catch {
    return undefined
  }
  const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts)
  return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? undefined : normalized
}

const fastUri = {
  SCHEMES,
  normalize,
  resolve,
  resolveComponent,
  equal,
  serialize,
  parse
}

module.exports = fastUri
module.exports["default"] = fastUri
module.exports.fastUri = fastUri


/***/ }),

/***/ 5300:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { isUUID } = __nccwpck_require__(5077)
const URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu

const supportedSchemeNames = /** @type {const} */ (['http', 'https', 'ws',
  'wss', 'urn', 'urn:uuid'])

/** @typedef {supportedSchemeNames[number]} SchemeName */

/**
 * @param {string} name
 * @returns {name is SchemeName}
 */
function isValidSchemeName (name) {
  return supportedSchemeNames.indexOf(/** @type {*} */ (name)) !== -1
}

/**
 * @callback SchemeFn
 * @param {import('../types/index').URIComponent} component
 * @param {import('../types/index').Options} options
 * @returns {import('../types/index').URIComponent}
 */

/**
 * @typedef {Object} SchemeHandler
 * @property {SchemeName} scheme - The scheme name.
 * @property {boolean} [domainHost] - Indicates if the scheme supports domain hosts.
 * @property {SchemeFn} parse - Function to parse the URI component for this scheme.
 * @property {SchemeFn} serialize - Function to serialize the URI component for this scheme.
 * @property {boolean} [skipNormalize] - Indicates if normalization should be skipped for this scheme.
 * @property {boolean} [absolutePath] - Indicates if the scheme uses absolute paths.
 * @property {boolean} [unicodeSupport] - Indicates if the scheme supports Unicode.
 */

/**
 * @param {import('../types/index').URIComponent} wsComponent
 * @returns {boolean}
 */
function wsIsSecure (wsComponent) {
  if (wsComponent.secure === true) {
    return true
  } else if (wsComponent.secure === false) {
    return false
  } else if (wsComponent.scheme) {
    return (
      wsComponent.scheme.length === 3 &&
      (wsComponent.scheme[0] === 'w' || wsComponent.scheme[0] === 'W') &&
      (wsComponent.scheme[1] === 's' || wsComponent.scheme[1] === 'S') &&
      (wsComponent.scheme[2] === 's' || wsComponent.scheme[2] === 'S')
    )
  } else {
    return false
  }
}

/** @type {SchemeFn} */
function httpParse (component) {
  if (!component.host) {
    component.error = component.error || 'HTTP URIs must have a host.'
  }

  return component
}

/** @type {SchemeFn} */
function httpSerialize (component) {
  const secure = String(component.scheme).toLowerCase() === 'https'

  // normalize the default port
  if (component.port === (secure ? 443 : 80) || component.port === '') {
    component.port = undefined
  }

  // normalize the empty path
  if (!component.path) {
    component.path = '/'
  }

  // NOTE: We do not parse query strings for HTTP URIs
  // as WWW Form Url Encoded query strings are part of the HTML4+ spec,
  // and not the HTTP spec.

  return component
}

/** @type {SchemeFn} */
function wsParse (wsComponent) {
// indicate if the secure flag is set
  wsComponent.secure = wsIsSecure(wsComponent)

  // construct resouce name
  wsComponent.resourceName = (wsComponent.path || '/') + (wsComponent.query ? '?' + wsComponent.query : '')
  wsComponent.path = undefined
  wsComponent.query = undefined

  return wsComponent
}

/** @type {SchemeFn} */
function wsSerialize (wsComponent) {
// normalize the default port
  if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === '') {
    wsComponent.port = undefined
  }

  // ensure scheme matches secure flag
  if (typeof wsComponent.secure === 'boolean') {
    wsComponent.scheme = (wsComponent.secure ? 'wss' : 'ws')
    wsComponent.secure = undefined
  }

  // reconstruct path from resource name
  if (wsComponent.resourceName) {
    const queryIndex = wsComponent.resourceName.indexOf('?')
    const path = queryIndex === -1
      ? wsComponent.resourceName
      : wsComponent.resourceName.slice(0, queryIndex)
    wsComponent.path = (path && path !== '/' ? path : undefined)
    wsComponent.query = queryIndex === -1
      ? undefined
      : wsComponent.resourceName.slice(queryIndex + 1)
    wsComponent.resourceName = undefined
  }

  // forbid fragment component
  wsComponent.fragment = undefined

  return wsComponent
}

/** @type {SchemeFn} */
function urnParse (urnComponent, options) {
  if (!urnComponent.path) {
    urnComponent.error = 'URN can not be parsed'
    return urnComponent
  }
  const matches = urnComponent.path.match(URN_REG)
  if (matches && matches[0] === urnComponent.path) {
    const scheme = options.scheme || urnComponent.scheme || 'urn'
    urnComponent.nid = matches[1].toLowerCase()
    urnComponent.nss = matches[2]
    const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`
    const schemeHandler = getSchemeHandler(urnScheme)
    urnComponent.path = undefined

    if (schemeHandler) {
      urnComponent = schemeHandler.parse(urnComponent, options)
    }
  } else {
    urnComponent.error = urnComponent.error || 'URN can not be parsed.'
  }

  return urnComponent
}

/** @type {SchemeFn} */
function urnSerialize (urnComponent, options) {
  if (urnComponent.nid === undefined) {
    throw new Error('URN without nid cannot be serialized')
  }
  const scheme = options.scheme || urnComponent.scheme || 'urn'
  const nid = urnComponent.nid.toLowerCase()
  const urnScheme = `${scheme}:${options.nid || nid}`
  const schemeHandler = getSchemeHandler(urnScheme)

  if (schemeHandler) {
    urnComponent = schemeHandler.serialize(urnComponent, options)
  }

  const uriComponent = urnComponent
  const nss = urnComponent.nss
  uriComponent.path = `${nid || options.nid}:${nss}`

  options.skipEscape = true
  return uriComponent
}

/** @type {SchemeFn} */
function urnuuidParse (urnComponent, options) {
  const uuidComponent = urnComponent
  uuidComponent.uuid = uuidComponent.nss
  uuidComponent.nss = undefined

  if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
    uuidComponent.error = uuidComponent.error || 'UUID is not valid.'
  }

  return uuidComponent
}

/** @type {SchemeFn} */
function urnuuidSerialize (uuidComponent) {
  const urnComponent = uuidComponent
  // normalize UUID
  urnComponent.nss = (uuidComponent.uuid || '').toLowerCase()
  return urnComponent
}

const http = /** @type {SchemeHandler} */ ({
  scheme: 'http',
  domainHost: true,
  parse: httpParse,
  serialize: httpSerialize
})

const https = /** @type {SchemeHandler} */ ({
  scheme: 'https',
  domainHost: http.domainHost,
  parse: httpParse,
  serialize: httpSerialize
})

const ws = /** @type {SchemeHandler} */ ({
  scheme: 'ws',
  domainHost: true,
  parse: wsParse,
  serialize: wsSerialize
})

const wss = /** @type {SchemeHandler} */ ({
  scheme: 'wss',
  domainHost: ws.domainHost,
  parse: ws.parse,
  serialize: ws.serialize
})

const urn = /** @type {SchemeHandler} */ ({
  scheme: 'urn',
  parse: urnParse,
  serialize: urnSerialize,
  skipNormalize: true
})

const urnuuid = /** @type {SchemeHandler} */ ({
  scheme: 'urn:uuid',
  parse: urnuuidParse,
  serialize: urnuuidSerialize,
  skipNormalize: true
})

const SCHEMES = /** @type {Record<SchemeName, SchemeHandler>} */ ({
  http,
  https,
  ws,
  wss,
  urn,
  'urn:uuid': urnuuid
})

Object.setPrototypeOf(SCHEMES, null)

/**
 * @param {string|undefined} scheme
 * @returns {SchemeHandler|undefined}
 */
function getSchemeHandler (scheme) {
  return (
    scheme && (
      SCHEMES[/** @type {SchemeName} */ (scheme)] ||
      SCHEMES[/** @type {SchemeName} */(scheme.toLowerCase())])
  ) ||
    undefined
}

module.exports = {
  wsIsSecure,
  SCHEMES,
  isValidSchemeName,
  getSchemeHandler,
}


/***/ }),

/***/ 5077:
/***/ ((module) => {



/** @type {(value: string) => boolean} */
const isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu)

/** @type {(value: string) => boolean} */
const isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u)

/** @type {(value: string) => boolean} */
const isPort = RegExp.prototype.test.bind(/^\d*$/u)

/** @type {(value: string) => boolean} */
const isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu)

/** @type {(value: string) => boolean} */
const isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu)

/** @type {(value: string) => boolean} */
const isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u)

/** @type {(value: string) => boolean} */
const isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u)

/** @type {(value: string) => boolean} */
const isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u)

const BYTE_HEX = new Array(256)
{
  const HEX_DIGITS = '0123456789ABCDEF'
  for (let i = 0; i < 256; i++) {
    BYTE_HEX[i] = '%' + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 0xF]
  }
}
function percentEncodeNonAscii (cp) {
  if (cp < 0x800) {
    return BYTE_HEX[0xC0 | (cp >> 6)] +
           BYTE_HEX[0x80 | (cp & 0x3F)]
  }
  if (cp < 0x10000) {
    return BYTE_HEX[0xE0 | (cp >> 12)] +
           BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
           BYTE_HEX[0x80 | (cp & 0x3F)]
  }
  return BYTE_HEX[0xF0 | (cp >> 18)] +
         BYTE_HEX[0x80 | ((cp >> 12) & 0x3F)] +
         BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
         BYTE_HEX[0x80 | (cp & 0x3F)]
}

/**
 * @param {Array<string>} input
 * @returns {string}
 */
function stringArrayToHexStripped (input) {
  let acc = ''
  let code = 0
  let i = 0

  for (i = 0; i < input.length; i++) {
    code = input[i].charCodeAt(0)
    if (code === 48) {
      continue
    }
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
      return ''
    }
    acc += input[i]
    break
  }

  for (i += 1; i < input.length; i++) {
    code = input[i].charCodeAt(0)
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
      return ''
    }
    acc += input[i]
  }
  return acc
}

/** @type {(value: string) => boolean} */
const isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/)

/** @type {(value: string) => boolean} */
const isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/)

/** @type {(value: string) => boolean} */
const isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/)

/**
 * @param {string} value
 * @returns {boolean}
 */
const nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u)

/**
 * @param {string} zone
 * @returns {boolean}
 */
function isZoneIdentifier (zone) {
  if (zone.length === 0) return false

  for (let i = 0; i < zone.length; i++) {
    if (isZoneCharacter(zone[i])) continue
    if (zone[i] === '%' && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
      i += 2
      continue
    }
    return false
  }

  return true
}

/**
 * Compresses the longest run of zero hextets to "::" per RFC 5952. A run of a
 * single zero hextet is left uncompressed. On ties the leftmost run wins.
 *
 * @param {string[]} hextets
 * @returns {string}
 */
function compressIPv6ZeroRun (hextets) {
  let bestStart = -1
  let bestLength = 0
  let runStart = -1
  let runLength = 0
  for (let i = 0; i < hextets.length; i++) {
    if (hextets[i] === '0') {
      if (runStart === -1) runStart = i
      runLength++
      if (runLength > bestLength) {
        bestLength = runLength
        bestStart = runStart
      }
    } else {
      runStart = -1
      runLength = 0
    }
  }

  if (bestLength < 2) return hextets.join(':')

  const head = hextets.slice(0, bestStart).join(':')
  const tail = hextets.slice(bestStart + bestLength).join(':')
  return head + '::' + tail
}

/**
 * Validates an IPv6 address against the alternatives in RFC 3986 section
 * 3.2.2 and returns the same address with leading hextet zeroes removed.
 * An embedded IPv4 address counts as two hextets and is only valid at the end.
 *
 * @param {string} input
 * @returns {string|undefined}
 */
function normalizeIPv6Address (input) {
  const compression = input.indexOf('::')
  if (compression !== -1 && input.indexOf('::', compression + 1) !== -1) return undefined

  const left = compression === -1 ? input.split(':') : input.slice(0, compression).split(':')
  const right = compression === -1 ? [] : input.slice(compression + 2).split(':')
  if (compression !== -1) {
    if (left.length === 1 && left[0] === '') left.length = 0
    if (right.length === 1 && right[0] === '') right.length = 0
  }

  const parts = left.concat(right)
  let hextetCount = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (part === '') return undefined

    if (part.indexOf('.') !== -1) {
      if (i !== parts.length - 1 || (compression !== -1 && right.length === 0) || !isIPv4(part)) return undefined
      hextetCount += 2
      continue
    }

    if (!isHextet(part)) return undefined
    parts[i] = parseInt(part, 16).toString(16)
    hextetCount++
  }

  if (compression === -1) {
    if (hextetCount !== 8) return undefined
    return compressIPv6ZeroRun(parts)
  }
  if (hextetCount >= 8) return undefined

  // expand "::" then re-compress the longest run for a canonical result
  const expanded = parts.slice(0, left.length)
  for (let i = hextetCount; i < 8; i++) expanded.push('0')
  for (let i = left.length; i < parts.length; i++) expanded.push(parts[i])
  return compressIPv6ZeroRun(expanded)
}

/**
 * @typedef {Object} NormalizeIPv6Result
 * @property {string} host - The normalized host.
 * @property {string} [escapedHost] - The escaped host.
 * @property {boolean} isIPV6 - Indicates if the host is an IPv6 address.
 * @property {boolean} [isIPVFuture] - Indicates if the host is an IPvFuture literal.
 * @property {boolean} [error] - Indicates if a bracketed IP literal is malformed.
 */

/**
 * Validates and normalizes a bracketed IP literal. Raw zone separators remain
 * accepted for backwards compatibility, while encoded separators and zone
 * contents follow RFC 6874.
 *
 * @param {string} host
 * @returns {NormalizeIPv6Result}
 */
function normalizeIPv6 (host) {
  const bracketed = host[0] === '[' && host[host.length - 1] === ']'
  const hasBracket = host[0] === '[' || host[host.length - 1] === ']'
  if (hasBracket && !bracketed) return { host, isIPV6: false, error: true }

  let input = bracketed ? host.slice(1, -1) : host
  if (bracketed && isIPvFuture(input)) {
    input = input.toLowerCase()
    return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true }
  }

  if (findToken(input, ':') < 2) {
    return { host, isIPV6: false, error: bracketed }
  }

  let zoneIdentifier = ''
  const zoneSeparator = input.indexOf('%')
  if (zoneSeparator !== -1) {
    const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === '%25' ? 3 : 1
    zoneIdentifier = input.slice(zoneSeparator + separatorLength)
    if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true }
    input = input.slice(0, zoneSeparator)
  }

  const address = normalizeIPv6Address(input)
  if (address === undefined) return { host, isIPV6: false, error: true }

  return {
    host: address + (zoneIdentifier ? '%' + zoneIdentifier : ''),
    escapedHost: address + (zoneIdentifier ? '%25' + zoneIdentifier : ''),
    isIPV6: true
  }
}

/**
 * @param {string} str
 * @param {string} token
 * @returns {number}
 */
function findToken (str, token) {
  let ind = 0
  for (let i = 0; i < str.length; i++) {
    if (str[i] === token) ind++
  }
  return ind
}

/**
 * @param {string} path
 * @returns {string}
 *
 * @see https://datatracker.ietf.org/doc/html/rfc3986#section-5.2.4
 */
function removeDotSegments (path) {
  let input = path
  const output = []
  let nextSlash = -1
  let len = 0

  // eslint-disable-next-line no-cond-assign
  while (len = input.length) {
    if (len === 1) {
      if (input === '.') {
        break
      } else if (input === '/') {
        output.push('/')
        break
      } else {
        output.push(input)
        break
      }
    } else if (len === 2) {
      if (input[0] === '.') {
        if (input[1] === '.') {
          break
        } else if (input[1] === '/') {
          input = input.slice(2)
          continue
        }
      } else if (input[0] === '/') {
        if (input[1] === '.' || input[1] === '/') {
          output.push('/')
          break
        }
      }
    } else if (len === 3) {
      if (input === '/..') {
        if (output.length !== 0) {
          output.pop()
        }
        output.push('/')
        break
      }
    }
    if (input[0] === '.') {
      if (input[1] === '.') {
        if (input[2] === '/') {
          input = input.slice(3)
          continue
        }
      } else if (input[1] === '/') {
        input = input.slice(2)
        continue
      }
    } else if (input[0] === '/') {
      if (input[1] === '.') {
        if (input[2] === '/') {
          input = input.slice(2)
          continue
        } else if (input[2] === '.') {
          if (input[3] === '/') {
            input = input.slice(3)
            if (output.length !== 0) {
              output.pop()
            }
            continue
          }
        }
      }
    }

    // Rule 2E: Move normal path segment to output
    if ((nextSlash = input.indexOf('/', 1)) === -1) {
      output.push(input)
      break
    } else {
      output.push(input.slice(0, nextSlash))
      input = input.slice(nextSlash)
    }
  }

  return output.join('')
}

/**
 * Removes dot segments from the path of a relative reference (a path that does
 * not start with "/") without changing what it resolves to against any base.
 * Unlike `removeDotSegments`, leading ".." segments that cannot be collapsed
 * are kept, the result never becomes root-relative, and a result that would be
 * empty or start with an empty segment is prefixed with "." (an empty path
 * means "same document" and a leading "//" would introduce an authority).
 *
 * @param {string} path
 * @returns {string}
 */
function removeDotSegmentsRelative (path) {
  if (path === '' || path[0] === '/') {
    return removeDotSegments(path)
  }

  const segments = path.split('/')
  const last = segments.length - 1
  /** @type {string[]} */
  const output = []
  let trailingDirectory = false

  for (let i = 0; i <= last; i++) {
    const segment = segments[i]
    if (segment === '.' || segment === '..') {
      if (segment === '..') {
        if (output.length !== 0 && output[output.length - 1] !== '..') {
          output.pop()
        } else {
          output.push('..')
        }
      }
      trailingDirectory = i === last
    } else {
      output.push(segment)
    }
  }

  if (trailingDirectory && output[output.length - 1] !== '..') {
    output.push('')
  }
  if (output.length === 0 || output[0] === '' || output[0].includes(':')) {
    // An empty path, a leading empty segment ("//"), or a first segment
    // containing ":" (which would be mistaken for a scheme, RFC 3986 section
    // 4.2) must stay behind a "." segment so the reference keeps its meaning.
    output.unshift('.')
  }

  return output.join('/')
}

/**
 * Re-escape RFC 3986 gen-delims that must not appear literally in the host.
 * After the URI regex parses, these characters cannot be literal in the host
 * field, so any that appear after decoding came from percent-encoding and
 * must be restored to prevent authority structure changes.
 *
 * @param {string} host
 * @param {boolean} isIP - true for IPv4/IPv6 hosts (skip colon re-escaping)
 * @returns {string}
 */
const HOST_DELIMS = { '@': '%40', '/': '%2F', '?': '%3F', '#': '%23', ':': '%3A' }
const HOST_DELIM_RE = /[@/?#:]/g
const HOST_DELIM_NO_COLON_RE = /[@/?#]/g

function reescapeHostDelimiters (host, isIP) {
  const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE
  re.lastIndex = 0
  return host.replace(re, (ch) => HOST_DELIMS[ch])
}

/**
 * Normalizes percent escapes and optionally decodes only unreserved ASCII bytes.
 * Reserved delimiters such as `%2F` stay escaped; `%2E` is unreserved.
 *
 * @param {string} input
 * @param {boolean} [decodeUnreserved=false]
 * @returns {string}
 */
function normalizePercentEncoding (input, decodeUnreserved = false) {
  if (input.indexOf('%') === -1) {
    return input
  }

  let output = ''

  for (let i = 0; i < input.length; i++) {
    if (input[i] === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (decodeUnreserved && isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    output += input[i]
  }

  return output
}

/**
 * Normalizes path data without turning reserved escapes into live path syntax.
 * Valid escapes are uppercased, raw unsafe characters are escaped, and only
 * unreserved bytes that are not `.` are decoded.
 *
 * @param {string} input
 * @returns {string}
 */
function normalizePathEncoding (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (decoded !== '.' && isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    if (isPathCharacter(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += isEscapeSafe(code) ? ch : BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Serializes a path without rewriting reserved data. Raw RFC 3986 path
 * characters remain literal, valid escapes are preserved and uppercased, and
 * everything else is UTF-8 percent-encoded. In a path-noscheme, a colon in the
 * first segment must be escaped so the result cannot be parsed as a scheme.
 *
 * @param {string} input
 * @param {boolean} [pathNoScheme=false]
 * @returns {string}
 */
function serializePathEncoding (input, pathNoScheme = false) {
  let output = ''
  let firstSegment = pathNoScheme && input[0] !== '/'

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    if (ch === '/') {
      firstSegment = false
    }

    if (isPathCharacter(ch) && (ch !== ':' || !firstSegment)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Percent-encodes a URI component using its RFC 3986 literal character set.
 * Existing valid escapes are preserved and normalized to uppercase hex.
 *
 * @param {string} input
 * @param {(value: string) => boolean} isAllowed
 * @returns {string}
 */
function encodeComponent (input, isAllowed) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    if (isAllowed(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Encodes userinfo while preserving its RFC 3986 §3.2.1 literal characters.
 * In particular, authority delimiters such as `@`, `/`, `?`, and `#` are data.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeUserinfo (input) {
  return encodeComponent(input, isUserinfoCharacter)
}

/**
 * Encodes query data using the RFC 3986 §3.4 grammar. A literal `#` must be
 * escaped because it would otherwise begin the fragment component.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeQuery (input) {
  return encodeComponent(input, isQueryFragmentCharacter)
}

/**
 * Encodes fragment data using the RFC 3986 §3.5 grammar.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeFragment (input) {
  return encodeComponent(input, isQueryFragmentCharacter)
}

function isEscapeSafe (cp) {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5A) ||
    (cp >= 0x61 && cp <= 0x7A) ||
    cp === 0x2A || cp === 0x2B || cp === 0x2D || cp === 0x2E ||
    cp === 0x2F || cp === 0x40 || cp === 0x5F
  )
}

/**
 * Normalizes the percent-encoding of a query or fragment component.
 *
 * Like `normalizePathEncoding`, but uses the query/fragment character set
 * (which additionally allows `?`) and decodes `.` since it has no dot-segment
 * meaning outside of a path.
 *
 * @param {string} input
 * @returns {string}
 */
function normalizeQueryFragmentEncoding (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    if (isQueryFragmentCharacter(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += isEscapeSafe(code) ? ch : BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Escapes a component while preserving existing valid percent escapes.
 *
 * @param {string} input
 * @returns {string}
 */
function escapePreservingEscapes (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    if (input[i] === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    output += escape(input[i])
  }

  return output
}

/**
 * @param {import('../types/index').URIComponent} component
 * @returns {string|undefined}
 */
function recomposeAuthority (component) {
  const uriTokens = []

  if (component.userinfo !== undefined) {
    uriTokens.push(encodeUserinfo(component.userinfo))
    uriTokens.push('@')
  }

  if (component.host !== undefined) {
    let host = component.host
    if (!isIPv4(host)) {
      let ipV6res = normalizeIPv6(host)
      if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
        // Decode only unreserved bytes, once. In particular, keep %25 encoded
        // so it cannot introduce a second escape during recomposition.
        host = normalizePercentEncoding(host, true)
        ipV6res = normalizeIPv6(host)
      }
      if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
        host = `[${ipV6res.escapedHost}]`
      } else {
        host = reescapeHostDelimiters(host, false)
      }
    }
    uriTokens.push(host)
  }

  if (typeof component.port === 'number' || typeof component.port === 'string') {
    const port = String(component.port)
    if (!isPort(port)) {
      throw new TypeError('URI port is malformed.')
    }
    uriTokens.push(':')
    uriTokens.push(port)
  }

  return uriTokens.length ? uriTokens.join('') : undefined
};

module.exports = {
  nonSimpleDomain,
  recomposeAuthority,
  reescapeHostDelimiters,
  normalizePercentEncoding,
  normalizePathEncoding,
  serializePathEncoding,
  normalizeQueryFragmentEncoding,
  encodeUserinfo,
  encodeQuery,
  encodeFragment,
  escapePreservingEscapes,
  removeDotSegments,
  removeDotSegmentsRelative,
  isIPv4,
  isUUID,
  normalizeIPv6,
  stringArrayToHexStripped
}


/***/ }),

/***/ 3243:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hh: () => (/* binding */ load),
/* harmony export */   KE: () => (/* binding */ getScalarValue),
/* harmony export */   LJ: () => (/* binding */ mergeTag),
/* harmony export */   OU: () => (/* binding */ CORE_SCHEMA),
/* harmony export */   PH: () => (/* binding */ parseEvents),
/* harmony export */   fw: () => (/* binding */ constructFromEvents),
/* harmony export */   hy: () => (/* binding */ EVENT_ID),
/* harmony export */   jK: () => (/* binding */ SCALAR_STYLE)
/* harmony export */ });
/* unused harmony exports CHOMPING_CLIP, CHOMPING_KEEP, CHOMPING_MODE, CHOMPING_STRIP, COLLECTION_STYLE, COLLECTION_STYLE_BLOCK, COLLECTION_STYLE_FLOW, DEFAULT_SCALAR_STYLE_RULES, DUMP_SCHEMA, EVENT_ALIAS, EVENT_DOCUMENT, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE, FAILSAFE_SCHEMA, JSON_SCHEMA, NOT_RESOLVED, SCALAR_STYLE_DOUBLE_QUOTED, SCALAR_STYLE_FOLDED_BLOCK, SCALAR_STYLE_LITERAL_BLOCK, SCALAR_STYLE_PLAIN, SCALAR_STYLE_SINGLE_QUOTED, Schema, VISIT_BREAK, VISIT_SKIP, YAML11_SCHEMA, YAMLException, binaryTag, boolCoreTag, boolJsonTag, boolYaml11Tag, defineMappingTag, defineScalarTag, defineSequenceTag, dump, eventsToAst, floatCoreTag, floatJsonTag, floatYaml11Tag, intCoreTag, intJsonTag, intYaml11Tag, jsToAst, legacyMapTag, loadAll, mapTag, nullCoreTag, nullJsonTag, nullYaml11Tag, omapTag, pairsTag, present, realMapTag, seqTag, setTag, strTag, timestampTag, visit */
/*! js-yaml 5.5.0 https://github.com/nodeca/js-yaml @license MIT */
//#region src/tag.ts
/**
* Returned by a scalar resolver when the source does not match its tag.
*
* @category Tags
*/
var NOT_RESOLVED = Symbol("NOT_RESOLVED");
/**
* Create a normalized scalar tag definition.
*
* @category Tags
*/
function defineScalarTag(tagName, options) {
	return {
		tagName,
		nodeKind: "scalar",
		implicit: options.implicit ?? false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		implicitFirstChars: options.implicitFirstChars ?? null,
		resolve: options.resolve,
		identify: options.identify,
		represent: options.represent ?? ((data) => String(data)),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized sequence tag definition.
*
* @category Tags
*/
function defineSequenceTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "sequence",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addItem: options.addItem,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized mapping tag definition.
*
* @category Tags
*/
function defineMappingTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "mapping",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addPair: options.addPair,
		has: options.has,
		keys: options.keys,
		get: options.get,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
//#endregion
//#region src/tag/scalar/str.ts
/** @category Tags */
var strTag = defineScalarTag("tag:yaml.org,2002:str", {
	resolve: (source) => source,
	identify: (data) => typeof data === "string"
});
//#endregion
//#region src/tag/scalar/null_core.ts
var NULL_VALUES$1 = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullCoreTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES$1.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_json.ts
/** @category Tags */
var nullJsonTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: ["n"],
	resolve: (source, isExplicit) => {
		if (source === "null" || isExplicit && source === "") return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_yaml11.ts
var NULL_VALUES = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullYaml11Tag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/bool_core.ts
var TRUE_VALUES$2 = [
	"true",
	"True",
	"TRUE"
];
var FALSE_VALUES$2 = [
	"false",
	"False",
	"FALSE"
];
/** @category Tags */
var boolCoreTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"t",
		"T",
		"f",
		"F"
	],
	resolve: (source) => {
		if (TRUE_VALUES$2.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$2.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_json.ts
var TRUE_VALUES$1 = ["true"];
var FALSE_VALUES$1 = ["false"];
/** @category Tags */
var boolJsonTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: ["t", "f"],
	resolve: (source) => {
		if (TRUE_VALUES$1.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$1.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_yaml11.ts
var TRUE_VALUES = [
	"true",
	"True",
	"TRUE",
	"y",
	"Y",
	"yes",
	"Yes",
	"YES",
	"on",
	"On",
	"ON"
];
var FALSE_VALUES = [
	"false",
	"False",
	"FALSE",
	"n",
	"N",
	"no",
	"No",
	"NO",
	"off",
	"Off",
	"OFF"
];
/** @category Tags */
var boolYaml11Tag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"y",
		"Y",
		"n",
		"N",
		"t",
		"T",
		"f",
		"F",
		"o",
		"O"
	],
	resolve: (source) => {
		if (TRUE_VALUES.indexOf(source) !== -1) return true;
		if (FALSE_VALUES.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/int_core.ts
var YAML_INTEGER_IMPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
var YAML_INTEGER_EXPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$2(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$2(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$2(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intCoreTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger$2,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_json.ts
var YAML_INTEGER_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)$");
var YAML_INTEGER_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$1(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$1(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intJsonTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlInteger$1,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_yaml11.ts
var YAML_INTEGER_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:0|[1-9][0-9_]*))$");
function parseYamlInteger(source) {
	let value = source.replace(/_/g, "");
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	if (value.includes(":")) {
		let result = 0;
		for (const part of value.split(":")) result = result * 60 + Number(part);
		return sign * result;
	}
	if (value !== "0" && value[0] === "0") return sign * parseInt(value, 8);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger(source) {
	if (!YAML_INTEGER_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intYaml11Tag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/float_core.ts
var YAML_FLOAT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$2(source) {
	if (!YAML_FLOAT_PATTERN$1.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase();
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	const result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN$1.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$2(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatCoreTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat$2,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$2
});
//#endregion
//#region src/tag/scalar/float_json.ts
var YAML_FLOAT_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$");
var YAML_FLOAT_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_FLOAT_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
		let value = source.toLowerCase();
		const sign = value[0] === "-" ? -1 : 1;
		if ("+-".includes(value[0])) value = value.slice(1);
		if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		if (value === ".nan") return NaN;
		const result = sign * parseFloat(value);
		return Number.isFinite(result) ? result : NOT_RESOLVED;
	}
	if (!YAML_FLOAT_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = Number(source);
	if (Number.isFinite(result)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$1(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatJsonTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlFloat$1,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$1
});
//#endregion
//#region src/tag/scalar/float_yaml11.ts
var YAML_FLOAT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?(?:(?:[0-9][0-9_]*)?\\.[0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat(source) {
	if (!YAML_FLOAT_PATTERN.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase().replace(/_/g, "");
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	let result = 0;
	if (value.includes(":")) {
		for (const part of value.split(":")) result = result * 60 + Number(part);
		result *= sign;
	} else result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatYaml11Tag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat
});
//#endregion
//#region src/tag/scalar/merge.ts
/**
* Enables merge keys in {@link CORE_SCHEMA} when added with
* {@link Schema.withTags}.
*
* @category Tags
*/
var mergeTag = defineScalarTag("tag:yaml.org,2002:merge", {
	implicit: true,
	implicitFirstChars: ["<"],
	resolve: (source, isExplicit) => {
		if (source === "<<" || isExplicit && source === "") return "<<";
		return NOT_RESOLVED;
	},
	identify: () => false
});
//#endregion
//#region src/tag/scalar/binary.ts
var BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
function resolveYamlBinary(source) {
	const input = source.replace(/\s/g, "");
	if (input.length % 4 !== 0 || !BASE64_PATTERN.test(input)) return NOT_RESOLVED;
	const binary = atob(input);
	const result = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) result[index] = binary.charCodeAt(index);
	return result;
}
function representYamlBinary(object) {
	let binary = "";
	for (let index = 0; index < object.length; index++) binary += String.fromCharCode(object[index]);
	return btoa(binary);
}
/**
* The `!!binary` tag, represented as a `Uint8Array`.
*
* @category Tags
*/
var binaryTag = defineScalarTag("tag:yaml.org,2002:binary", {
	resolve: resolveYamlBinary,
	identify: (object) => Object.prototype.toString.call(object) === "[object Uint8Array]",
	represent: representYamlBinary
});
//#endregion
//#region src/tag/scalar/timestamp.ts
var YAML_DATE_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$");
var YAML_TIMESTAMP_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$");
function makeUtcDate(year, month, day, hour = 0, minute = 0, second = 0, fraction = 0) {
	const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
	date.setUTCFullYear(year, month, day);
	return date;
}
function resolveYamlTimestamp(source) {
	let match = YAML_DATE_REGEXP.exec(source);
	if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(source);
	if (match === null) return NOT_RESOLVED;
	const year = +match[1];
	const month = +match[2] - 1;
	const day = +match[3];
	if (!match[4]) {
		const date = makeUtcDate(year, month, day);
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
		return date;
	}
	const hour = +match[4];
	const minute = +match[5];
	const second = +match[6];
	let fraction = 0;
	if (hour > 23 || minute > 59 || second > 59) return NOT_RESOLVED;
	if (match[7]) {
		let value = match[7].slice(0, 3);
		while (value.length < 3) value += "0";
		fraction = +value;
	}
	const date = makeUtcDate(year, month, day, hour, minute, second, fraction);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
	if (match[9]) {
		const offsetHour = +match[10];
		const offsetMinute = +(match[11] || 0);
		if (offsetHour > 23 || offsetMinute > 59) return NOT_RESOLVED;
		const offset = (offsetHour * 60 + offsetMinute) * 6e4;
		date.setTime(date.getTime() - (match[9] === "-" ? -offset : offset));
	}
	return date;
}
/**
* The YAML 1.1 `!!timestamp` tag, represented as a JavaScript `Date`.
*
* @category Tags
*/
var timestampTag = defineScalarTag("tag:yaml.org,2002:timestamp", {
	implicit: true,
	implicitFirstChars: [..."0123456789"],
	resolve: resolveYamlTimestamp,
	identify: (object) => object instanceof Date,
	represent: (object) => object.toISOString()
});
//#endregion
//#region src/tag/sequence/seq.ts
/** @category Tags */
var seqTag = defineSequenceTag("tag:yaml.org,2002:seq", {
	create: () => [],
	addItem: (container, item) => {
		container.push(item);
	},
	identify: Array.isArray
});
//#endregion
//#region src/common/object.ts
function isPlainObject(data) {
	if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
	const prototype = Object.getPrototypeOf(data);
	return prototype === null || prototype === Object.prototype;
}
function pick(object, keys) {
	const result = {};
	for (const key of keys) if (object[key] !== void 0) result[key] = object[key];
	return result;
}
//#endregion
//#region src/tag/sequence/omap.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!omap
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   { one: 1 },
*   { two: 2 }
* ]
* ```
*
* @category Tags
*/
var omapTag = defineSequenceTag("tag:yaml.org,2002:omap", {
	create: () => ({
		list: [],
		seen: /* @__PURE__ */ new Set()
	}),
	addItem: (carrier, item) => {
		let key;
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve an ordered map item";
			key = item.keys().next().value;
		} else if (isPlainObject(item)) {
			const itemKeys = Object.keys(item);
			if (itemKeys.length !== 1) return "cannot resolve an ordered map item";
			key = itemKeys[0];
		} else return "cannot resolve an ordered map item";
		if (carrier.seen.has(key)) return "duplicate key in ordered map";
		carrier.seen.add(key);
		carrier.list.push(item);
		return "";
	},
	finalize: (carrier) => carrier.list,
	identify: () => false
});
//#endregion
//#region src/tag/sequence/pairs.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!pairs
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   ['one', 1],
*   ['two', 2]
* ]
* ```
*
* @category Tags
*/
var pairsTag = defineSequenceTag("tag:yaml.org,2002:pairs", {
	create: () => [],
	addItem: (container, item) => {
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve a pairs item";
			container.push(item.entries().next().value);
			return "";
		}
		if (Object.prototype.toString.call(item) !== "[object Object]") return "cannot resolve a pairs item";
		const object = item;
		const keys = Object.keys(object);
		if (keys.length !== 1) return "cannot resolve a pairs item";
		container.push([keys[0], object[keys[0]]]);
		return "";
	},
	identify: () => false
});
//#endregion
//#region src/tag/mapping/map.ts
/**
* This is the default mapping implementation. It uses `{}` objects and has only
* partial functionality due to language limitations. This choice was made
* because users expect to get JavaScript objects, and it was left unchanged to
* avoid too many breaking changes in the v5 release.
*
* Side effects:
*
* - `Object.hasOwn()` checks or `for...of` loops are required for safe use (to
*   avoid falling through to prototypes).
* - Only scalar string keys are supported properly.
* - Other scalar keys, such as `null` and numbers, are converted to strings.
*   This is historical behaviour, and it can cause side effects such as
*   problems with `!!merge`.
*
* Note that non-string scalar keys may be deprecated in future versions.
*
* Ideally, use {@link realMapTag} instead.
*
* @category Tags
*/
var mapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		if (key !== null && typeof key === "object") return "object-based map does not support complex keys";
		const normalizedKey = String(key);
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		if (key !== null && typeof key === "object") return false;
		return Object.prototype.hasOwnProperty.call(container, String(key));
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/tag/mapping/set.ts
/**
* The YAML 1.1 `!!set` tag, represented as a JavaScript `Set`.
*
* @category Tags
*/
var setTag = defineMappingTag("tag:yaml.org,2002:set", {
	create: () => /* @__PURE__ */ new Set(),
	identify: (data) => data instanceof Set,
	represent: (data) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of data) map.set(key, null);
		return map;
	},
	addPair: (container, key, value) => {
		if (value !== null) return "cannot resolve a set item";
		container.add(key);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: () => null
});
//#endregion
//#region src/schema.ts
function createTagDefinitionMap() {
	return {
		scalar: Object.create(null),
		sequence: Object.create(null),
		mapping: Object.create(null)
	};
}
function createTagDefinitionListMap() {
	return {
		scalar: [],
		sequence: [],
		mapping: []
	};
}
function compileTags(tags) {
	const result = [];
	for (const tag of tags) {
		let index = result.length;
		for (let previousIndex = 0; previousIndex < result.length; previousIndex++) {
			const previous = result[previousIndex];
			if (previous.nodeKind === tag.nodeKind && previous.tagName === tag.tagName && previous.matchByTagPrefix === tag.matchByTagPrefix) {
				index = previousIndex;
				break;
			}
		}
		result[index] = tag;
	}
	return result;
}
/**
* Controls tag resolution when loading and type selection when dumping.
*
* @category Schemas
*/
var Schema = class Schema {
	tags;
	/** @internal */
	implicitScalarTags;
	/**
	* Dispatch implicit scalar resolvers by `source.charAt(0)`. Each bucket holds
	* the resolvers that may match that key, in schema order; a key absent from
	* the map uses
	* {@link Schema.implicitScalarAnyFirstChar}
	* (resolvers that declared no first-char constraint, so they apply to any
	* first character).
	*/
	implicitScalarByFirstChar;
	implicitScalarAnyFirstChar;
	/**
	* The default scalar tag (`!!str`), resolved once so the composer's fallback
	* for unresolved plain scalars avoids a keyed lookup per scalar.
	*
	* @internal
	*/
	defaultScalarTag;
	/**
	* The default container tags (`!!seq` / `!!map`), used by the dumper: when a
	* value is identified by its default tag, the tag is implicit and not
	* printed. Undefined if the schema does not define them (then such values
	* can't be dumped).
	*
	* @internal
	*/
	defaultSequenceTag;
	/** @internal */
	defaultMappingTag;
	exact;
	prefix;
	constructor(tags) {
		const compiledTags = compileTags(tags);
		const implicitScalarTags = [];
		const exact = createTagDefinitionMap();
		const prefix = createTagDefinitionListMap();
		for (const tag of compiledTags) {
			if (tag.nodeKind === "scalar" && tag.implicit) {
				if (tag.matchByTagPrefix) throw new Error("Implicit scalar tags cannot match by tag prefix");
				implicitScalarTags.push(tag);
			}
			switch (tag.nodeKind) {
				case "scalar":
					if (tag.matchByTagPrefix) prefix.scalar.push(tag);
					else exact.scalar[tag.tagName] = tag;
					break;
				case "sequence":
					if (tag.matchByTagPrefix) prefix.sequence.push(tag);
					else exact.sequence[tag.tagName] = tag;
					break;
				case "mapping": if (tag.matchByTagPrefix) prefix.mapping.push(tag);
				else exact.mapping[tag.tagName] = tag;
			}
		}
		const implicitScalarAnyFirstChar = implicitScalarTags.filter((tag) => tag.implicitFirstChars === null);
		const keys = /* @__PURE__ */ new Set();
		for (const tag of implicitScalarTags) if (tag.implicitFirstChars !== null) for (const key of tag.implicitFirstChars) keys.add(key);
		const implicitScalarByFirstChar = /* @__PURE__ */ new Map();
		for (const key of keys) implicitScalarByFirstChar.set(key, implicitScalarTags.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.indexOf(key) !== -1));
		const defaultScalarTag = exact.scalar["tag:yaml.org,2002:str"];
		if (!defaultScalarTag) throw new Error("schema does not define the default scalar tag (tag:yaml.org,2002:str)");
		this.tags = compiledTags;
		this.implicitScalarTags = implicitScalarTags;
		this.implicitScalarByFirstChar = implicitScalarByFirstChar;
		this.implicitScalarAnyFirstChar = implicitScalarAnyFirstChar;
		this.defaultScalarTag = defaultScalarTag;
		this.defaultSequenceTag = exact.sequence["tag:yaml.org,2002:seq"];
		this.defaultMappingTag = exact.mapping["tag:yaml.org,2002:map"];
		this.exact = exact;
		this.prefix = prefix;
	}
	/** @internal */
	lookupScalarTag(tagName) {
		const exactTag = this.exact.scalar[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.scalar) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupSequenceTag(tagName) {
		const exactTag = this.exact.sequence[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.sequence) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupMappingTag(tagName) {
		const exactTag = this.exact.mapping[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.mapping) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	resolveImplicitScalarTag(source) {
		const candidates = this.implicitScalarByFirstChar.get(source.charAt(0)) ?? this.implicitScalarAnyFirstChar;
		for (const tag of candidates) {
			const value = tag.resolve(source, false, tag.tagName);
			if (value !== NOT_RESOLVED) return {
				value,
				tag
			};
		}
		const tag = this.defaultScalarTag;
		return {
			value: tag.resolve(source, false, tag.tagName),
			tag
		};
	}
	/**
	* Creates a new schema with the specified tags added. If a tag already
	* exists, it is replaced by the specified tag.
	*
	* @example
	*
	* ```javascript
	* import { CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
	*
	* const schema = CORE_SCHEMA.withTags(mergeTag, realMapTag)
	* ```
	*/
	withTags(...tags) {
		let flatTags = [];
		for (const tag of tags) flatTags = flatTags.concat(tag);
		return new Schema([...this.tags, ...flatTags]);
	}
};
/**
* The YAML 1.2 Failsafe Schema: strings, sequences, and mappings.
*
* @category Schemas
*/
var FAILSAFE_SCHEMA = new Schema([
	strTag,
	seqTag,
	mapTag
]);
/**
* The YAML 1.2 JSON Schema. It uses JSON scalar forms while retaining YAML
* collection syntax.
*
* @category Schemas
*/
var JSON_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullJsonTag,
	boolJsonTag,
	intJsonTag,
	floatJsonTag
]);
/**
* The default schema for the loaders. Note, {@link CORE_SCHEMA} comes
* without the `!!merge` tag. You can easily enable it if needed.
*
* @example
* Enable {@link mergeTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Schemas
*/
var CORE_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullCoreTag,
	boolCoreTag,
	intCoreTag,
	floatCoreTag
]);
/**
* YAML 1.1-compatible schema.
*
* @category Schemas
*/
var YAML11_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullYaml11Tag,
	boolYaml11Tag,
	intYaml11Tag,
	floatYaml11Tag,
	timestampTag,
	mergeTag,
	binaryTag,
	omapTag,
	pairsTag,
	setTag
]);
/**
* The dumper schema for maximum compatibility. It combines all supported type
* variants from YAML 1.1 and YAML 1.2 so strings matching any of them are
* quoted. This makes the generated YAML more compatible with other parsers.
*
* The schema is based on YAML 1.1, but extends `!!int` and `!!float` to accept
* both YAML 1.1 and Core Schema forms, since Core Schema supports some forms
* that YAML 1.1 does not.
*
* @category Schemas
*/
var DUMP_SCHEMA = YAML11_SCHEMA.withTags({
	...intYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = intYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? intCoreTag.resolve(source, isExplicit, tagName) : result;
	}
}, {
	...floatYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = floatYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? floatCoreTag.resolve(source, isExplicit, tagName) : result;
	}
});
//#endregion
//#region src/tag/mapping/real_map.ts
/**
* Recommended when non-string keys are actually needed. It uses native
* JavaScript `Map` objects, so keys keep their constructed types instead of
* being converted to strings.
*
* It is not the default to avoid widespread breaking changes in existing
* projects. `Map` has a different access API and does not pass deep equality
* checks against `{}`-based fixtures. Alongside the other changes in v5,
* making it the default was considered too disruptive.
*
* If these differences are acceptable for your project, we recommend using
* {@link realMapTag} to guarantee the absence of problems and side effects.
*
* @example
* Enable {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Tags
*/
var realMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => /* @__PURE__ */ new Map(),
	addPair: (container, key, value) => {
		container.set(key, value);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: (container, key) => container.get(key),
	identify: (data) => data instanceof Map || isPlainObject(data),
	represent: (data) => {
		if (data instanceof Map) return data;
		const map = /* @__PURE__ */ new Map();
		const obj = data;
		for (const key of Object.keys(obj)) map.set(key, obj[key]);
		return map;
	}
});
//#endregion
//#region src/tag/mapping/legacy_map.ts
function normalizeKey(key) {
	if (Array.isArray(key)) {
		const array = Array.prototype.slice.call(key);
		for (let index = 0; index < array.length; index++) {
			if (Array.isArray(array[index])) return null;
			if (typeof array[index] === "object" && Object.prototype.toString.call(array[index]) === "[object Object]") array[index] = "[object Object]";
		}
		return String(array);
	}
	if (typeof key === "object" && Object.prototype.toString.call(key) === "[object Object]") return "[object Object]";
	return String(key);
}
/**
* This implementation exists solely to reproduce v4 behavior exactly. Its use
* is strongly discouraged. If complex or non-string keys are needed, use
* {@link realMapTag} instead.
*
* @category Tags
*/
var legacyMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		const normalizedKey = normalizeKey(key);
		if (normalizedKey === null) return "nested arrays are not supported inside keys";
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		const normalizedKey = normalizeKey(key);
		return normalizedKey !== null && Object.prototype.hasOwnProperty.call(container, normalizedKey);
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/common/snippet.ts
var DEFAULT_SNIPPET_OPTIONS = {
	maxLength: 79,
	indent: 1,
	linesBefore: 3,
	linesAfter: 2
};
function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
	let head = "";
	let tail = "";
	const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
	if (position - lineStart > maxHalfLength) {
		head = " ... ";
		lineStart = position - maxHalfLength + head.length;
	}
	if (lineEnd - position > maxHalfLength) {
		tail = " ...";
		lineEnd = position + maxHalfLength - tail.length;
	}
	return {
		str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
		pos: position - lineStart + head.length
	};
}
function padStart(string, max) {
	return " ".repeat(Math.max(max - string.length, 0)) + string;
}
function makeSnippet(mark, options) {
	if (!mark.buffer) return null;
	const opts = {
		...DEFAULT_SNIPPET_OPTIONS,
		...options
	};
	const re = /\r?\n|\r|\0/g;
	const lineStarts = [0];
	const lineEnds = [];
	let match;
	let foundLineNo = -1;
	while (match = re.exec(mark.buffer)) {
		lineEnds.push(match.index);
		lineStarts.push(match.index + match[0].length);
		if (mark.position <= match.index && foundLineNo < 0) foundLineNo = lineStarts.length - 2;
	}
	if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
	let result = "";
	const lineNoLength = Math.min(mark.line + opts.linesAfter, lineEnds.length).toString().length;
	const maxLineLength = opts.maxLength - (opts.indent + lineNoLength + 3);
	for (let i = 1; i <= opts.linesBefore; i++) {
		if (foundLineNo - i < 0) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo - i], lineEnds[foundLineNo - i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]), maxLineLength);
		result = `${" ".repeat(opts.indent)}${padStart((mark.line - i + 1).toString(), lineNoLength)} | ${line.str}\n${result}`;
	}
	const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
	result += `${" ".repeat(opts.indent)}${padStart((mark.line + 1).toString(), lineNoLength)} | ${line.str}\n`;
	result += `${"-".repeat(opts.indent + lineNoLength + 3 + line.pos)}^\n`;
	for (let i = 1; i <= opts.linesAfter; i++) {
		if (foundLineNo + i >= lineEnds.length) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo + i], lineEnds[foundLineNo + i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]), maxLineLength);
		result += `${" ".repeat(opts.indent)}${padStart((mark.line + i + 1).toString(), lineNoLength)} | ${line.str}\n`;
	}
	return result.replace(/\n$/, "");
}
//#endregion
//#region src/common/exception.ts
function formatError(exception, compact) {
	let where = "";
	if (!exception.mark) return exception.reason;
	if (exception.mark.name) where += `in "${exception.mark.name}" `;
	where += `(${exception.mark.line + 1}:${exception.mark.column + 1})`;
	if (!compact && exception.mark.snippet) where += `\n\n${exception.mark.snippet}`;
	return `${exception.reason} ${where}`;
}
/**
* A YAML error. Unlike an ordinary `Error`, it adds a source snippet showing
* the location of the problem to the error message, when available.
*
* @category Main
*/
var YAMLException = class YAMLException extends Error {
	reason;
	mark;
	/**
	* Optional `mark` contains source snippet data. Usually, use
	* {@link YAMLException.throwAt} instead of passing it directly.
	*/
	constructor(reason, mark) {
		super();
		this.name = "YAMLException";
		this.reason = reason;
		this.mark = mark;
		this.message = formatError(this, false);
		if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
	}
	/**
	* Returns the formatted error, omitting the source snippet in compact mode.
	*/
	toString(compact) {
		return `${this.name}: ${formatError(this, compact)}`;
	}
	/**
	* Builds a YAMLException with a source snippet and throws it. `source` is
	* the raw input text; `position` is an offset into it.
	*/
	static throwAt(source, position, message, filename = "") {
		let line = 0;
		let lineStart = 0;
		for (let index = 0; index < position; index++) {
			const ch = source.charCodeAt(index);
			if (ch === 10) {
				line++;
				lineStart = index + 1;
			} else if (ch === 13) {
				line++;
				if (source.charCodeAt(index + 1) === 10) index++;
				lineStart = index + 1;
			}
		}
		const mark = {
			name: filename,
			buffer: source,
			position,
			line,
			column: position - lineStart
		};
		mark.snippet = makeSnippet(mark);
		throw new YAMLException(message, mark);
	}
};
//#endregion
//#region src/parser/events.ts
/** @category Events */
var EVENT_ID = {
	DOCUMENT: 1,
	SEQUENCE: 2,
	MAPPING: 3,
	SCALAR: 4,
	ALIAS: 5,
	POP: 6
};
/** @category Nodes */
var SCALAR_STYLE = {
	PLAIN: 1,
	SINGLE_QUOTED: 2,
	DOUBLE_QUOTED: 3,
	LITERAL_BLOCK: 4,
	FOLDED_BLOCK: 5
};
/** @category Nodes */
var COLLECTION_STYLE = {
	BLOCK: 1,
	FLOW: 2
};
/** @category Nodes */
var CHOMPING_MODE = {
	CLIP: 1,
	STRIP: 2,
	KEEP: 3
};
//#endregion
//#region src/parser/parser_scalar.ts
var NO_RANGE$3 = -1;
function simpleEscapeSequence(c) {
	switch (c) {
		case 48: return "\0";
		case 97: return "\x07";
		case 98: return "\b";
		case 116: return "	";
		case 9: return "	";
		case 110: return "\n";
		case 118: return "\v";
		case 102: return "\f";
		case 114: return "\r";
		case 101: return "\x1B";
		case 32: return " ";
		case 34: return "\"";
		case 47: return "/";
		case 92: return "\\";
		case 78: return "";
		case 95: return "\xA0";
		case 76: return "\u2028";
		case 80: return "\u2029";
		default: return "";
	}
}
var simpleEscapeCheck = new Array(256);
var simpleEscapeMap = new Array(256);
for (let i = 0; i < 256; i++) {
	simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
	simpleEscapeMap[i] = simpleEscapeSequence(i);
}
function charFromCodepoint(c) {
	if (c <= 65535) return String.fromCharCode(c);
	return String.fromCharCode((c - 65536 >> 10) + 55296, (c - 65536 & 1023) + 56320);
}
function fromHexCode$1(c) {
	if (c >= 48 && c <= 57) return c - 48;
	return (c | 32) - 97 + 10;
}
function escapedHexLen$1(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	return 8;
}
function skipFoldedBreaks(input, position, end) {
	let breaks = 0;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10) {
			breaks++;
			position++;
		} else if (ch === 13) {
			breaks++;
			position++;
			if (input.charCodeAt(position) === 10) position++;
		} else if (ch === 32 || ch === 9) position++;
		else break;
	}
	return {
		position,
		breaks
	};
}
function foldedBreaks(count) {
	if (count === 1) return " ";
	return "\n".repeat(count - 1);
}
function getPlainValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, captureEnd);
}
function getSingleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 39) {
			result += input.slice(captureStart, position) + "'";
			position += 2;
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getDoubleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 92) {
			result += input.slice(captureStart, position);
			position++;
			const escaped = input.charCodeAt(position);
			if (escaped === 10 || escaped === 13) position = skipFoldedBreaks(input, position, end).position;
			else if (escaped < 256 && simpleEscapeCheck[escaped]) {
				result += simpleEscapeMap[escaped];
				position++;
			} else {
				let hexLength = escapedHexLen$1(escaped);
				let hexResult = 0;
				for (; hexLength > 0; hexLength--) {
					position++;
					const digit = fromHexCode$1(input.charCodeAt(position));
					hexResult = (hexResult << 4) + digit;
				}
				result += charFromCodepoint(hexResult);
				position++;
			}
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getBlockValue(input, start, end, indent, chomping, folded) {
	const textIndent = indent < 0 ? 0 : indent;
	const region = input.slice(start, end).replace(/\r\n?/g, "\n");
	const lines = region === "" ? [] : (region.endsWith("\n") ? region.slice(0, -1) : region).split("\n");
	let result = "";
	let didReadContent = false;
	let emptyLines = 0;
	let atMoreIndented = false;
	for (const line of lines) {
		let column = 0;
		while (column < textIndent && line.charCodeAt(column) === 32) column++;
		if (indent < 0 || column >= line.length) {
			emptyLines++;
			continue;
		}
		const content = line.slice(textIndent);
		const first = content.charCodeAt(0);
		if (folded) {
			if (first === 32 || first === 9) {
				atMoreIndented = true;
				result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
			} else if (atMoreIndented) {
				atMoreIndented = false;
				result += "\n".repeat(emptyLines + 1);
			} else if (emptyLines === 0) {
				if (didReadContent) result += " ";
			} else result += "\n".repeat(emptyLines);
		} else result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
		result += content;
		didReadContent = true;
		emptyLines = 0;
	}
	if (chomping === CHOMPING_MODE.KEEP) result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
	else if (chomping !== CHOMPING_MODE.STRIP) {
		if (didReadContent) result += "\n";
	}
	return result;
}
/**
* Decodes the scalar referenced by event offsets in `input`.
*
* @category Events
*/
function getScalarValue(input, scalar) {
	if (scalar.valueStart === NO_RANGE$3) return "";
	const { valueStart, valueEnd } = scalar;
	if (scalar.fast) return input.slice(valueStart, valueEnd);
	switch (scalar.style) {
		case SCALAR_STYLE.SINGLE_QUOTED: return getSingleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.DOUBLE_QUOTED: return getDoubleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.LITERAL_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, false);
		case SCALAR_STYLE.FOLDED_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, true);
		default: return getPlainValue(input, valueStart, valueEnd);
	}
}
//#endregion
//#region src/common/tagname.ts
var DEFAULT_TAG_HANDLERS = Object.assign(Object.create(null), {
	"!": "!",
	"!!": "tag:yaml.org,2002:"
});
var TAG_SUFFIX_CHARS = "-#;/?:@&=+$_.~*'()";
var TAG_URI_CHARS = TAG_SUFFIX_CHARS + "!,[]";
var HEX = "0123456789ABCDEF";
function percentByte(byte) {
	return "%" + HEX[byte >> 4] + HEX[byte & 15];
}
function tagPercentEncode(source, isSuffix) {
	const allowed = isSuffix ? TAG_SUFFIX_CHARS : TAG_URI_CHARS;
	let result = "";
	for (let index = 0; index < source.length; index++) {
		let ch = source.charCodeAt(index);
		if (ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || allowed.includes(source[index])) {
			result += source[index];
			continue;
		}
		if (ch >= 55296 && ch <= 56319) ch = 65536 + ((ch & 1023) << 10) + (source.charCodeAt(++index) & 1023);
		if (ch < 128) result += percentByte(ch);
		else if (ch < 2048) result += percentByte(192 | ch >> 6) + percentByte(128 | ch & 63);
		else if (ch < 65536) result += percentByte(224 | ch >> 12) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
		else result += percentByte(240 | ch >> 18) + percentByte(128 | ch >> 12 & 63) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
	}
	return result;
}
function tagPercentDecode(source) {
	let result = "";
	let index = 0;
	while (index < source.length) {
		if (source.charCodeAt(index) !== 37) {
			result += source[index++];
			continue;
		}
		let ch = parseInt(source.slice(index + 1, index + 3), 16);
		index += 3;
		if (ch >= 192) {
			let remaining = ch < 224 ? 1 : ch < 240 ? 2 : 3;
			ch &= (1 << 6 - remaining) - 1;
			while (remaining-- > 0) {
				ch = ch << 6 | parseInt(source.slice(index + 1, index + 3), 16) & 63;
				index += 3;
			}
		}
		if (ch < 65536) result += String.fromCharCode(ch);
		else {
			ch -= 65536;
			result += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
		}
	}
	return result;
}
function tagNameFull(rawTag, tagHandlers) {
	if (rawTag.startsWith("!<") && rawTag.endsWith(">")) return tagPercentDecode(rawTag.slice(2, -1));
	const handleEnd = rawTag.indexOf("!", 1);
	const handle = handleEnd === -1 ? "!" : rawTag.slice(0, handleEnd + 1);
	return tagPercentDecode(tagHandlers?.[handle] ?? DEFAULT_TAG_HANDLERS[handle] ?? handle) + tagPercentDecode(rawTag.slice(handle.length));
}
function tagNameShort(fullTag) {
	let tag = fullTag;
	if (tag.charCodeAt(0) === 33) {
		tag = tag.slice(1);
		return `!${tagPercentEncode(tag, true)}`;
	}
	if (tag.slice(0, 18) === "tag:yaml.org,2002:") return `!!${tagPercentEncode(tag.slice(18), true)}`;
	return `!<${tagPercentEncode(tag, false)}>`;
}
//#endregion
//#region src/parser/constructor.ts
var NO_RANGE$2 = -1;
var MERGE_TAG_NAME = "tag:yaml.org,2002:merge";
var DEFAULT_CONSTRUCTOR_OPTIONS = {
	filename: "",
	schema: CORE_SCHEMA,
	json: false,
	maxTotalMergeKeys: 1e4,
	maxAliases: -1
};
function eventPosition$1(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE$2) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE$2) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE$2) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function throwError$1(state, message) {
	YAMLException.throwAt(state.source, state.position, message, state.filename);
}
function finalizeCollection(state, position, tag, carrier) {
	try {
		return tag.finalize(carrier);
	} catch (error) {
		if (error instanceof YAMLException) throw error;
		YAMLException.throwAt(state.source, position, error instanceof Error ? error.message : String(error), state.filename);
	}
}
function constructScalar(state, event) {
	const source = getScalarValue(state.source, event);
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	const strTag = state.schema.defaultScalarTag;
	if (rawTag !== "") {
		if (rawTag === "!") return {
			value: source,
			tag: strTag
		};
		const tagName = tagNameFull(rawTag, state.tagHandlers);
		const scalarTag = state.schema.lookupScalarTag(tagName);
		if (scalarTag) {
			const result = scalarTag.resolve(source, true, tagName);
			if (result === NOT_RESOLVED) throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			return {
				value: result,
				tag: scalarTag
			};
		}
		const collectionTagDef = state.schema.lookupMappingTag(tagName) ?? state.schema.lookupSequenceTag(tagName);
		if (collectionTagDef) {
			if (source !== "") throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			const carrier = collectionTagDef.create(tagName);
			return {
				value: collectionTagDef.carrierIsResult ? carrier : finalizeCollection(state, state.position, collectionTagDef, carrier),
				tag: collectionTagDef
			};
		}
		throwError$1(state, `unknown scalar tag !<${tagName}>`);
	}
	if (event.style === SCALAR_STYLE.PLAIN) return state.schema.resolveImplicitScalarTag(source);
	return {
		value: strTag.resolve(source, false, strTag.tagName),
		tag: strTag
	};
}
function collectionTagName(state, event, defaultTagName) {
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	return rawTag === "" || rawTag === "!" ? defaultTagName : tagNameFull(rawTag, state.tagHandlers);
}
function isMappingTag(tag) {
	return tag.nodeKind === "mapping";
}
function chargeMergeWork(state) {
	state.totalMergeKeys++;
	if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) throwError$1(state, `merge keys exceeded maxTotalMergeKeys (${state.maxTotalMergeKeys})`);
}
function mergeKeys(state, frame, source, sourceTag) {
	chargeMergeWork(state);
	for (const sourceKey of sourceTag.keys(source)) {
		chargeMergeWork(state);
		if (frame.tag.has(frame.value, sourceKey)) continue;
		const err = frame.tag.addPair(frame.value, sourceKey, sourceTag.get(source, sourceKey));
		if (err) throwError$1(state, err);
		frame.overridable ??= /* @__PURE__ */ new Set();
		frame.overridable.add(sourceKey);
	}
}
function mergeSource(state, frame, source, sourceTag) {
	state.position = frame.keyPosition;
	if (isMappingTag(sourceTag)) mergeKeys(state, frame, source, sourceTag);
	else if (sourceTag.nodeKind === "sequence" && Array.isArray(source)) {
		if (source.length > 100) throwError$1(state, "abnormal merge sequence size");
		for (const element of source) {
			const elementTag = state.nodeTags.get(element);
			if (!elementTag) throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
			mergeKeys(state, frame, element, elementTag);
		}
	} else throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
}
function addMappingValue(state, frame, key, value, tag) {
	state.position = frame.keyPosition;
	if (frame.keyIsMerge) {
		mergeSource(state, frame, value, tag);
		return;
	}
	if (!state.json && frame.tag.has(frame.value, key) && !frame.overridable?.has(key)) throwError$1(state, "duplicated mapping key");
	const err = frame.tag.addPair(frame.value, key, value);
	if (err) throwError$1(state, err);
	frame.overridable?.delete(key);
}
function addValue(state, value, tag) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") {
		frame.value = value;
		frame.hasValue = true;
	} else if (frame.kind === "sequence") {
		if (isMappingTag(tag)) state.nodeTags.set(value, tag);
		const err = frame.tag.addItem(frame.value, value, frame.index++);
		if (err) throwError$1(state, err);
	} else if (frame.hasKey) {
		const key = frame.key;
		frame.key = void 0;
		frame.hasKey = false;
		addMappingValue(state, frame, key, value, tag);
	} else {
		frame.key = value;
		frame.keyPosition = state.position;
		frame.hasKey = true;
		frame.keyIsMerge = tag.tagName === MERGE_TAG_NAME;
	}
}
function storeAnchor(state, event, value, tag, isValueFinal) {
	if (event.anchorStart !== NO_RANGE$2) {
		const anchor = {
			value,
			tag,
			isValueFinal
		};
		state.anchors.set(state.source.slice(event.anchorStart, event.anchorEnd), anchor);
		return anchor;
	}
	return null;
}
/**
* Constructs JavaScript documents directly from parser events, without an
* intermediate AST.
*
* @category Events
*/
function constructFromEvents(events, options) {
	const state = {
		...DEFAULT_CONSTRUCTOR_OPTIONS,
		...options,
		events,
		documents: [],
		eventIndex: 0,
		position: 0,
		frames: [],
		anchors: /* @__PURE__ */ new Map(),
		nodeTags: /* @__PURE__ */ new Map(),
		tagHandlers: Object.create(null),
		totalMergeKeys: 0,
		aliasCount: 0
	};
	while (state.eventIndex < state.events.length) {
		const event = state.events[state.eventIndex++];
		state.position = eventPosition$1(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				state.anchors = /* @__PURE__ */ new Map();
				state.nodeTags = /* @__PURE__ */ new Map();
				state.aliasCount = 0;
				state.tagHandlers = Object.create(null);
				for (const directive of event.directives) if (directive.kind === "tag") state.tagHandlers[directive.handle] = directive.prefix;
				state.frames.push({
					kind: "document",
					position: state.position,
					value: void 0,
					hasValue: false
				});
				break;
			case EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case EVENT_ID.SEQUENCE: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:seq");
				const tag = state.schema.lookupSequenceTag(tagName);
				if (!tag) throwError$1(state, `unknown sequence tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "sequence",
					position: state.position,
					value,
					tag,
					anchor,
					index: 0
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:map");
				const tag = state.schema.lookupMappingTag(tagName);
				if (!tag) throwError$1(state, `unknown mapping tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "mapping",
					position: state.position,
					value,
					tag,
					anchor,
					key: void 0,
					keyPosition: state.position,
					hasKey: false,
					keyIsMerge: false,
					overridable: null
				});
				break;
			}
			case EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.hasKey) {
					state.position = frame.keyPosition;
					throwError$1(state, "incomplete mapping pair in event stream");
				}
				if (frame.kind === "document") state.documents.push(frame.value);
				else {
					const value = frame.tag.carrierIsResult ? frame.value : finalizeCollection(state, frame.position, frame.tag, frame.value);
					if (frame.anchor) {
						frame.anchor.value = value;
						frame.anchor.isValueFinal = true;
					}
					addValue(state, value, frame.tag);
				}
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/parser/parser.ts
var NO_RANGE$1 = -1;
var HAS_OWN = Object.prototype.hasOwnProperty;
var CONTEXT_FLOW_IN = 1;
var CONTEXT_FLOW_OUT = 2;
var CONTEXT_BLOCK_IN = 3;
var CONTEXT_BLOCK_OUT = 4;
var PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
var PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
var NS_URI_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$,_.!~*'()\[\]])`;
var NS_TAG_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$.~*'()_])`;
var PATTERN_TAG_URI = new RegExp(`^(?:${NS_URI_CHAR})*$`);
var PATTERN_TAG_SUFFIX = new RegExp(`^(?:${NS_TAG_CHAR})+$`);
var PATTERN_TAG_PREFIX = new RegExp(`^(?:!(?:${NS_URI_CHAR})*|${NS_TAG_CHAR}(?:${NS_URI_CHAR})*)$`);
var DEFAULT_PARSER_OPTIONS = {
	filename: "",
	maxDepth: 100
};
function addDocumentEvent(state, explicitStart, explicitEnd) {
	state.events.push({
		type: EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.SEQUENCE,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function addMappingEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.MAPPING,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function insertFlowPairMappingEvent(state, snapshot) {
	state.events.splice(snapshot.eventsLength, 0, {
		type: EVENT_ID.MAPPING,
		start: snapshot.position,
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1,
		style: COLLECTION_STYLE.FLOW
	});
}
function addScalarEvent(state, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping = CHOMPING_MODE.CLIP, indent = -1, fast = false) {
	state.events.push({
		type: EVENT_ID.SCALAR,
		valueStart,
		valueEnd,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style,
		chomping,
		indent,
		fast
	});
}
function addAliasEvent(state, anchorStart, anchorEnd) {
	state.events.push({
		type: EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: EVENT_ID.POP });
}
function addEmptyScalarEvent(state) {
	addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, SCALAR_STYLE.PLAIN);
}
function emptyProperties() {
	return {
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1
	};
}
function snapshotState(state) {
	return {
		position: state.position,
		line: state.line,
		lineStart: state.lineStart,
		lineIndent: state.lineIndent,
		firstTabInLine: state.firstTabInLine,
		eventsLength: state.events.length
	};
}
function restoreState(state, snapshot) {
	state.position = snapshot.position;
	state.line = snapshot.line;
	state.lineStart = snapshot.lineStart;
	state.lineIndent = snapshot.lineIndent;
	state.firstTabInLine = snapshot.firstTabInLine;
	state.events.length = snapshot.eventsLength;
}
function throwError(state, message) {
	YAMLException.throwAt(state.input.slice(0, state.length), state.position, message, state.filename);
}
function isEol(c) {
	return c === 10 || c === 13;
}
function isWhiteSpace(c) {
	return c === 9 || c === 32;
}
function isWsOrEol(c) {
	return isWhiteSpace(c) || isEol(c);
}
function isWsOrEolOrEnd(c) {
	return c === 0 || isWsOrEol(c);
}
function isFlowIndicator(c) {
	return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
function fromDecimalCode(c) {
	return c >= 48 && c <= 57 ? c - 48 : -1;
}
function fromHexCode(c) {
	if (c >= 48 && c <= 57) return c - 48;
	const lc = c | 32;
	if (lc >= 97 && lc <= 102) return lc - 97 + 10;
	return -1;
}
function escapedHexLen(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	if (c === 85) return 8;
	return 0;
}
function isSimpleEscape(c) {
	return c === 48 || c === 97 || c === 98 || c === 116 || c === 9 || c === 110 || c === 118 || c === 102 || c === 114 || c === 101 || c === 32 || c === 34 || c === 47 || c === 92 || c === 78 || c === 95 || c === 76 || c === 80;
}
function consumeLineBreak(state) {
	if (state.input.charCodeAt(state.position) === 10) state.position++;
	else {
		state.position++;
		if (state.input.charCodeAt(state.position) === 10) state.position++;
	}
	state.line++;
	state.lineStart = state.position;
	state.lineIndent = 0;
	state.firstTabInLine = -1;
}
function skipSeparationSpace(state, allowComments) {
	let lineBreaks = 0;
	let ch = state.input.charCodeAt(state.position);
	let hasSeparation = state.position === state.lineStart || isWsOrEol(state.input.charCodeAt(state.position - 1));
	while (ch !== 0) {
		while (isWhiteSpace(ch)) {
			hasSeparation = true;
			if (ch === 9 && state.firstTabInLine === -1) state.firstTabInLine = state.position;
			ch = state.input.charCodeAt(++state.position);
		}
		if (allowComments && hasSeparation && ch === 35) do
			ch = state.input.charCodeAt(++state.position);
		while (!isEol(ch) && ch !== 0);
		if (!isEol(ch)) break;
		consumeLineBreak(state);
		lineBreaks++;
		hasSeparation = true;
		ch = state.input.charCodeAt(state.position);
		while (ch === 32) {
			state.lineIndent++;
			ch = state.input.charCodeAt(++state.position);
		}
	}
	return lineBreaks;
}
function testDocumentSeparator(state, position = state.position) {
	const ch = state.input.charCodeAt(position);
	if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(position + 1) && ch === state.input.charCodeAt(position + 2)) {
		const following = state.input.charCodeAt(position + 3);
		return following === 0 || isWsOrEol(following);
	}
	return false;
}
function skipByteOrderMark(state) {
	if (state.position === state.lineStart && state.input.charCodeAt(state.position) === 65279) {
		state.position++;
		state.lineStart = state.position;
	}
}
function testDocumentBoundary(state) {
	if (state.position !== state.lineStart) return false;
	if (testDocumentSeparator(state)) return true;
	if (state.input.charCodeAt(state.position) !== 65279) return false;
	const snapshot = snapshotState(state);
	skipByteOrderMark(state);
	skipSeparationSpace(state, true);
	const ch = state.input.charCodeAt(state.position);
	const result = state.position === state.lineStart && (ch === 37 || ch === 45 && testDocumentSeparator(state));
	restoreState(state, snapshot);
	return result;
}
function skipUntilLineEnd(state) {
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0 && !isEol(ch)) ch = state.input.charCodeAt(++state.position);
}
function checkPrintable(state, start, end) {
	const match = PATTERN_NON_PRINTABLE.exec(state.input.slice(start, end));
	if (match !== null) {
		state.position = start + match.index + match[0].length - 1;
		throwError(state, "the stream contains non-printable characters");
	}
}
function readTagProperty(state, props, inFlow) {
	if (state.input.charCodeAt(state.position) !== 33) return false;
	if (props.tagStart !== NO_RANGE$1) throwError(state, "duplication of a tag property");
	const start = state.position;
	let isVerbatim = false;
	let isNamed = false;
	let tagHandle = "!";
	let ch = state.input.charCodeAt(++state.position);
	if (ch === 60) {
		isVerbatim = true;
		ch = state.input.charCodeAt(++state.position);
	} else if (ch === 33) {
		isNamed = true;
		tagHandle = "!!";
		ch = state.input.charCodeAt(++state.position);
	}
	let suffixStart = state.position;
	let tagName;
	if (isVerbatim) {
		while (ch !== 0 && ch !== 62) ch = state.input.charCodeAt(++state.position);
		if (ch !== 62) throwError(state, "unexpected end of the stream within a verbatim tag");
		tagName = state.input.slice(suffixStart, state.position);
		state.position++;
	} else {
		while (ch !== 0 && !isWsOrEol(ch) && !(inFlow && isFlowIndicator(ch))) {
			if (ch === 33) {
				if (!isNamed) {
					tagHandle = state.input.slice(suffixStart - 1, state.position + 1);
					if (!PATTERN_TAG_HANDLE.test(tagHandle)) throwError(state, "named tag handle cannot contain such characters");
					isNamed = true;
					suffixStart = state.position + 1;
				} else throwError(state, "tag suffix cannot contain exclamation marks");
			}
			ch = state.input.charCodeAt(++state.position);
		}
		tagName = state.input.slice(suffixStart, state.position);
		if (PATTERN_FLOW_INDICATORS.test(tagName)) throwError(state, "tag suffix cannot contain flow indicator characters");
	}
	if (tagName && !(isVerbatim ? PATTERN_TAG_URI.test(tagName) : PATTERN_TAG_SUFFIX.test(tagName))) throwError(state, `tag name cannot contain such characters: ${tagName}`);
	if (!isVerbatim && tagHandle !== "!" && tagHandle !== "!!" && !HAS_OWN.call(state.tagHandlers, tagHandle)) throwError(state, `undeclared tag handle "${tagHandle}"`);
	props.tagStart = start;
	props.tagEnd = state.position;
	return true;
}
function readAnchorProperty(state, props) {
	if (state.input.charCodeAt(state.position) !== 38) return false;
	if (props.anchorStart !== NO_RANGE$1) throwError(state, "duplication of an anchor property");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an anchor node must contain at least one character");
	props.anchorStart = start;
	props.anchorEnd = state.position;
	return true;
}
function readAlias(state, props) {
	if (state.input.charCodeAt(state.position) !== 42) return false;
	if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) throwError(state, "alias node should not have any properties");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an alias node must contain at least one character");
	addAliasEvent(state, start, state.position);
	return true;
}
function readFlowScalarBreak(state, nodeIndent) {
	skipSeparationSpace(state, false);
	if (state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readSingleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 39) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 39) {
			if (state.input.charCodeAt(state.position + 1) === 39) {
				simple = false;
				state.position += 2;
				continue;
			}
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.SINGLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a single quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a single quoted scalar");
}
function readDoubleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 34) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 34) {
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.DOUBLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (ch === 92) {
			simple = false;
			const escaped = state.input.charCodeAt(++state.position);
			if (isEol(escaped)) readFlowScalarBreak(state, nodeIndent);
			else if (isSimpleEscape(escaped)) state.position++;
			else {
				let hexLength = escapedHexLen(escaped);
				if (hexLength === 0) throwError(state, "unknown escape sequence");
				while (hexLength-- > 0) {
					state.position++;
					if (fromHexCode(state.input.charCodeAt(state.position)) < 0) throwError(state, "expected hexadecimal character");
				}
				state.position++;
			}
		} else if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a double quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a double quoted scalar");
}
function readBlockScalar(state, parentIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	let chomping = CHOMPING_MODE.CLIP;
	let indent = -1;
	let detectedIndent = false;
	if (ch !== 124 && ch !== 62) return false;
	const style = ch === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		const current = state.input.charCodeAt(state.position);
		const digit = fromDecimalCode(current);
		if (current === 43 || current === 45) {
			if (chomping !== CHOMPING_MODE.CLIP) throwError(state, "repeat of a chomping mode identifier");
			chomping = current === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
			state.position++;
		} else if (digit >= 0) {
			if (digit === 0) throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
			if (detectedIndent) throwError(state, "repeat of an indentation width identifier");
			indent = parentIndent + digit - 1;
			detectedIndent = true;
			state.position++;
		} else break;
	}
	let hadWhitespace = false;
	while (isWhiteSpace(state.input.charCodeAt(state.position))) {
		hadWhitespace = true;
		state.position++;
	}
	if (hadWhitespace && state.input.charCodeAt(state.position) === 35) skipUntilLineEnd(state);
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	else if (state.input.charCodeAt(state.position) !== 0) throwError(state, "a line break is expected");
	let contentIndent = detectedIndent ? indent : -1;
	let maxLeadingIndent = 0;
	const valueStart = state.position;
	let valueEnd = state.position;
	while (state.input.charCodeAt(state.position) !== 0) {
		const linePosition = state.position;
		let column = 0;
		while (state.input.charCodeAt(linePosition + column) === 32) column++;
		const first = state.input.charCodeAt(linePosition + column);
		if (first === 0) {
			if (contentIndent >= 0) {
				if (column > contentIndent) valueEnd = linePosition + column;
			} else if (column > 0) valueEnd = linePosition + column;
			break;
		}
		if (testDocumentBoundary(state)) break;
		if (!detectedIndent && contentIndent === -1 && isEol(first)) maxLeadingIndent = Math.max(maxLeadingIndent, column);
		if (!detectedIndent && contentIndent === -1 && !isEol(first)) {
			if (first === 9 && column < parentIndent) {
				state.position = linePosition + column;
				throwError(state, "tab characters must not be used in indentation");
			}
			if (column >= parentIndent && column < maxLeadingIndent) {
				state.position = linePosition + column;
				throwError(state, "bad indentation of a mapping entry");
			}
		}
		if (contentIndent === -1 && first !== 0 && !isEol(first) && column < parentIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		if (!detectedIndent && first !== 0 && !isEol(first) && contentIndent === -1) contentIndent = column;
		const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
		if (first !== 0 && !isEol(first) && column < requiredIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		skipUntilLineEnd(state);
		valueEnd = state.position;
		if (isEol(state.input.charCodeAt(state.position))) {
			consumeLineBreak(state);
			valueEnd = state.position;
		}
	}
	checkPrintable(state, valueStart, valueEnd);
	addScalarEvent(state, valueStart, valueEnd, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, style, chomping, contentIndent);
	return true;
}
function canStartPlainScalar(state, nodeContext) {
	const ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	if (ch === 0 || isWsOrEol(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96 || isFlowIndicator(ch)) return false;
	if (ch === 63 || ch === 45) {
		const following = state.input.charCodeAt(state.position + 1);
		if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) return false;
	}
	return true;
}
function readPlainScalar(state, nodeIndent, nodeContext, props) {
	if (!canStartPlainScalar(state, nodeContext)) return false;
	const start = state.position;
	let end = state.position;
	let ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	let multiline = false;
	while (ch !== 0) {
		if (testDocumentBoundary(state)) break;
		if (ch === 58) {
			const following = state.input.charCodeAt(state.position + 1);
			if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) break;
		} else if (ch === 35) {
			if (isWsOrEol(state.input.charCodeAt(state.position - 1))) break;
		} else if (inFlow && isFlowIndicator(ch)) break;
		else if (isEol(ch)) {
			const savedPosition = state.position;
			const savedLine = state.line;
			const savedLineStart = state.lineStart;
			const savedLineIndent = state.lineIndent;
			skipSeparationSpace(state, false);
			if (state.lineIndent >= nodeIndent) {
				multiline = true;
				ch = state.input.charCodeAt(state.position);
				continue;
			}
			state.position = savedPosition;
			state.line = savedLine;
			state.lineStart = savedLineStart;
			state.lineIndent = savedLineIndent;
			break;
		}
		if (!isWhiteSpace(ch)) end = state.position + 1;
		ch = state.input.charCodeAt(++state.position);
	}
	if (end === start) return false;
	checkPrintable(state, start, end);
	addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, -1, !multiline);
	return true;
}
function skipFlowSeparationSpace(state, nodeIndent) {
	const startLine = state.line;
	skipSeparationSpace(state, true);
	if (state.line > startLine && state.lineIndent < nodeIndent || state.firstTabInLine !== -1 && state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readFlowCollection(state, nodeIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	const isMapping = ch === 123;
	const start = state.position;
	let readNext = true;
	if (ch !== 91 && ch !== 123) return false;
	const terminator = isMapping ? 125 : 93;
	if (isMapping) addMappingEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	else addSequenceEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		skipFlowSeparationSpace(state, nodeIndent);
		let ch = state.input.charCodeAt(state.position);
		if (ch === terminator) {
			state.position++;
			addPopEvent(state);
			return true;
		} else if (!readNext) throwError(state, "missed comma between flow collection entries");
		else if (ch === 44) throwError(state, "expected the node content, but found ','");
		let isPair = false;
		let isExplicitPair = false;
		if (ch === 63 && isWsOrEol(state.input.charCodeAt(state.position + 1))) {
			isPair = isExplicitPair = true;
			state.position += 1;
			skipFlowSeparationSpace(state, nodeIndent);
		}
		const entryLine = state.line;
		const entryStart = snapshotState(state);
		const keyWasRead = parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
		skipFlowSeparationSpace(state, nodeIndent);
		ch = state.input.charCodeAt(state.position);
		if ((isMapping || isExplicitPair || state.line === entryLine) && ch === 58) {
			isPair = true;
			state.position++;
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) {
				insertFlowPairMappingEvent(state, entryStart);
				if (!keyWasRead) addEmptyScalarEvent(state);
			} else if (!keyWasRead) addEmptyScalarEvent(state);
			if (!parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true)) addEmptyScalarEvent(state);
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) addPopEvent(state);
		} else if (isMapping && isPair) {
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
		} else if (isMapping) addEmptyScalarEvent(state);
		else if (isPair) {
			insertFlowPairMappingEvent(state, entryStart);
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
			addPopEvent(state);
		}
		ch = state.input.charCodeAt(state.position);
		if (ch === 44) {
			readNext = true;
			state.position++;
		} else readNext = false;
	}
	throwError(state, "unexpected end of the stream within a flow collection");
}
function readBlockSequence(state, nodeIndent, props) {
	if (state.firstTabInLine !== -1 || state.input.charCodeAt(state.position) !== 45 || !isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) return false;
	addSequenceEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
	while (state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) {
		if (state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const entryLine = state.line;
		state.position++;
		const hadBreak = skipSeparationSpace(state, true) > 0;
		if (state.firstTabInLine !== -1 && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
		if (hadBreak && state.lineIndent <= nodeIndent) addEmptyScalarEvent(state);
		else parseNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
		skipSeparationSpace(state, true);
		if (state.lineIndent < nodeIndent || state.position >= state.length) break;
		if (state.lineIndent > nodeIndent) throwError(state, "bad indentation of a sequence entry");
		if (state.line === entryLine && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
	}
	addPopEvent(state);
	return true;
}
function readBlockMapping(state, nodeIndent, flowIndent, props) {
	let atExplicitKey = false;
	let detected = false;
	let mappingOpened = false;
	let pendingExplicitKey = false;
	if (state.firstTabInLine !== -1) return false;
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0) {
		if (!atExplicitKey && state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const following = state.input.charCodeAt(state.position + 1);
		const entryLine = state.line;
		if ((ch === 63 || ch === 58) && isWsOrEolOrEnd(following)) {
			if (!mappingOpened) {
				addMappingEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
				mappingOpened = true;
			}
			if (ch === 63) {
				if (atExplicitKey) addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = true;
			} else if (atExplicitKey) atExplicitKey = false;
			else {
				addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = false;
			}
			state.position += 1;
			pendingExplicitKey = true;
		} else {
			if (atExplicitKey) {
				addEmptyScalarEvent(state);
				atExplicitKey = false;
			}
			const beforeKey = snapshotState(state);
			if (!parseNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
			if (state.line === entryLine) {
				ch = state.input.charCodeAt(state.position);
				while (isWhiteSpace(ch)) ch = state.input.charCodeAt(++state.position);
				if (ch === 58) {
					ch = state.input.charCodeAt(++state.position);
					if (!isWsOrEolOrEnd(ch)) throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
					if (!mappingOpened) {
						state.events.splice(beforeKey.eventsLength, 0, {
							type: EVENT_ID.MAPPING,
							start: beforeKey.position,
							anchorStart: props.anchorStart,
							anchorEnd: props.anchorEnd,
							tagStart: props.tagStart,
							tagEnd: props.tagEnd,
							style: COLLECTION_STYLE.BLOCK
						});
						mappingOpened = true;
					}
					detected = true;
					atExplicitKey = false;
					pendingExplicitKey = false;
				} else if (detected) throwError(state, "expected ':' after a mapping key");
				else {
					if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
						restoreState(state, beforeKey);
						return false;
					}
					return true;
				}
			} else if (detected) throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
			else {
				if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
					restoreState(state, beforeKey);
					return false;
				}
				return true;
			}
		}
		if (parseNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, pendingExplicitKey)) pendingExplicitKey = false;
		if (!atExplicitKey) {
			if (pendingExplicitKey) {
				addEmptyScalarEvent(state);
				pendingExplicitKey = false;
			}
		}
		skipSeparationSpace(state, true);
		ch = state.input.charCodeAt(state.position);
		if ((state.line === entryLine || state.lineIndent > nodeIndent) && ch !== 0) throwError(state, "bad indentation of a mapping entry");
		else if (state.lineIndent < nodeIndent) break;
	}
	if (!detected) return false;
	if (atExplicitKey) addEmptyScalarEvent(state);
	if (mappingOpened) addPopEvent(state);
	return true;
}
function parseNode(state, parentIndent, nodeContext, allowToSeek, allowCompact, allowPropertyMapping = true) {
	if (state.depth >= state.maxDepth) throwError(state, `nesting exceeded maxDepth (${state.maxDepth})`);
	state.depth++;
	let indentStatus = 1;
	let atNewLine = false;
	let hasContent = false;
	let propertyStart = null;
	const props = emptyProperties();
	let allowBlockScalars = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
	let allowBlockCollections = allowBlockScalars;
	const allowBlockStyles = allowBlockScalars;
	if (allowToSeek && skipSeparationSpace(state, true)) {
		atNewLine = true;
		if (state.lineIndent > parentIndent) indentStatus = 1;
		else if (state.lineIndent === parentIndent) indentStatus = 0;
		else indentStatus = -1;
	}
	if (indentStatus === 1) while (true) {
		const ch = state.input.charCodeAt(state.position);
		const propertyState = snapshotState(state);
		if (atNewLine && indentStatus !== 1 && (ch === 33 || ch === 38)) break;
		if (atNewLine && allowBlockStyles && (props.tagStart !== NO_RANGE$1 || props.anchorStart !== NO_RANGE$1) && (ch === 33 || ch === 38)) {
			const fallbackState = snapshotState(state);
			const flowIndent = parentIndent + 1;
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) {
				state.depth--;
				return true;
			}
			restoreState(state, fallbackState);
		}
		if (atNewLine && (ch === 33 && props.tagStart !== NO_RANGE$1 || ch === 38 && props.anchorStart !== NO_RANGE$1)) break;
		if (!readTagProperty(state, props, nodeContext === CONTEXT_FLOW_IN) && !readAnchorProperty(state, props)) break;
		if (propertyStart === null) propertyStart = propertyState;
		if (skipSeparationSpace(state, true)) {
			atNewLine = true;
			allowBlockCollections = allowBlockStyles;
			if (state.lineIndent > parentIndent) indentStatus = 1;
			else if (state.lineIndent === parentIndent) indentStatus = 0;
			else indentStatus = -1;
		} else allowBlockCollections = false;
	}
	if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
	if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
		const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
		const blockIndent = state.position - state.lineStart;
		if (indentStatus === 1) {
			if (allowBlockCollections && (readBlockSequence(state, blockIndent, props) || readBlockMapping(state, blockIndent, flowIndent, props)) || readFlowCollection(state, flowIndent, props)) hasContent = true;
			else {
				const ch = state.input.charCodeAt(state.position);
				if (propertyStart !== null && allowPropertyMapping && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62) {
					const fallbackState = snapshotState(state);
					const propertyIndent = propertyStart.position - propertyStart.lineStart;
					restoreState(state, propertyStart);
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) hasContent = true;
					else restoreState(state, fallbackState);
				}
				if (!hasContent && (allowBlockScalars && readBlockScalar(state, flowIndent, props) || readSingleQuotedScalar(state, flowIndent, props) || readDoubleQuotedScalar(state, flowIndent, props) || readAlias(state, props) || readPlainScalar(state, flowIndent, nodeContext, props))) hasContent = true;
			}
		} else if (indentStatus === 0) hasContent = allowBlockCollections && readBlockSequence(state, blockIndent, props);
	}
	allowBlockScalars = allowBlockScalars && !hasContent;
	if (!hasContent && (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1 || allowBlockScalars)) {
		addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN);
		hasContent = true;
	}
	state.depth--;
	return hasContent || props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1;
}
function readDirective(state) {
	if (state.lineIndent > 0 || state.input.charCodeAt(state.position) !== 37) return false;
	state.position++;
	const nameStart = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
	const name = state.input.slice(nameStart, state.position);
	const args = [];
	if (name.length === 0) throwError(state, "directive name must not be less than one character in length");
	while (state.input.charCodeAt(state.position) !== 0 && !isEol(state.input.charCodeAt(state.position))) {
		while (isWhiteSpace(state.input.charCodeAt(state.position))) state.position++;
		if (state.input.charCodeAt(state.position) === 35 || isEol(state.input.charCodeAt(state.position)) || state.input.charCodeAt(state.position) === 0) break;
		const start = state.position;
		while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
		args.push(state.input.slice(start, state.position));
	}
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	if (name === "YAML") {
		if (state.directives.some((directive) => directive.kind === "yaml")) throwError(state, "duplication of %YAML directive");
		if (args.length !== 1) throwError(state, "YAML directive accepts exactly one argument");
		const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
		if (match === null) throwError(state, "ill-formed argument of the YAML directive");
		if (parseInt(match[1], 10) !== 1) throwError(state, "unacceptable YAML version of the document");
		state.directives.push({
			kind: "yaml",
			version: args[0]
		});
	} else if (name === "TAG") {
		if (args.length !== 2) throwError(state, "TAG directive accepts exactly two arguments");
		const [handle, prefix] = args;
		if (!PATTERN_TAG_HANDLE.test(handle)) throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
		if (HAS_OWN.call(state.tagHandlers, handle)) throwError(state, `there is a previously declared suffix for "${handle}" tag handle`);
		if (!PATTERN_TAG_PREFIX.test(prefix)) throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
		state.tagHandlers[handle] = prefix;
		state.directives.push({
			kind: "tag",
			handle,
			prefix
		});
	}
	return true;
}
function readDocument(state) {
	state.directives = [];
	state.tagHandlers = Object.create(null);
	let hasDirectives = false;
	skipSeparationSpace(state, true);
	while (readDirective(state)) {
		hasDirectives = true;
		skipSeparationSpace(state, true);
	}
	let explicitStart = false;
	let explicitEnd = false;
	let allowCompact = true;
	if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 3))) {
		explicitStart = true;
		const markerLine = state.line;
		state.position += 3;
		skipSeparationSpace(state, true);
		allowCompact = state.line > markerLine;
	} else if (hasDirectives) throwError(state, "directives end mark is expected");
	const documentEventIndex = state.events.length;
	if (!explicitStart && state.position === state.lineStart && state.input.charCodeAt(state.position) === 46 && testDocumentSeparator(state)) {
		state.position += 3;
		skipSeparationSpace(state, true);
		return;
	}
	addDocumentEvent(state, explicitStart, false);
	if (!parseNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, allowCompact, allowCompact)) addEmptyScalarEvent(state);
	skipSeparationSpace(state, true);
	if (state.position === state.lineStart && testDocumentSeparator(state)) {
		explicitEnd = state.input.charCodeAt(state.position) === 46;
		if (explicitEnd) {
			const markerLine = state.line;
			state.position += 3;
			skipSeparationSpace(state, true);
			if (state.line === markerLine && state.position < state.length) throwError(state, "end of the stream or a document separator is expected");
		}
	}
	const documentEvent = state.events[documentEventIndex];
	if (documentEvent?.type === EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function parseEvents(input, options) {
	const length = input.length;
	const state = {
		...DEFAULT_PARSER_OPTIONS,
		...options,
		input: `${input}\0`,
		length,
		position: 0,
		line: 0,
		lineStart: 0,
		lineIndent: 0,
		firstTabInLine: -1,
		depth: 0,
		directives: [],
		tagHandlers: Object.create(null),
		events: []
	};
	const nullpos = input.indexOf("\0");
	if (nullpos !== -1) YAMLException.throwAt(input, nullpos, "null byte is not allowed in input", state.filename);
	while (state.position < state.length) {
		skipByteOrderMark(state);
		skipSeparationSpace(state, true);
		if (state.position >= state.length) break;
		const documentStart = state.position;
		readDocument(state);
		if (state.position === documentStart)
 /* c8 ignore next */
		throwError(state, "can not read a document");
	}
	return state.events;
}
//#endregion
//#region src/load.ts
var DEFAULT_LOAD_OPTIONS = {
	...DEFAULT_PARSER_OPTIONS,
	...DEFAULT_CONSTRUCTOR_OPTIONS
};
function loadDocuments(input, options = {}) {
	const opts = {
		...DEFAULT_LOAD_OPTIONS,
		...options
	};
	const source = String(input);
	const PARSER_OPT_KEYS = Object.keys(DEFAULT_PARSER_OPTIONS);
	const CONSTRUCTOR_OPT_KEYS = Object.keys(DEFAULT_CONSTRUCTOR_OPTIONS);
	return constructFromEvents(parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
		...pick(opts, CONSTRUCTOR_OPT_KEYS),
		source
	});
}
function loadAll(input, iteratorOrOptions, options) {
	let iterator = null;
	if (typeof iteratorOrOptions === "function") iterator = iteratorOrOptions;
	else if (iteratorOrOptions !== null && typeof iteratorOrOptions === "object") options = iteratorOrOptions;
	const documents = loadDocuments(input, options);
	if (iterator === null) return documents;
	for (const document of documents) iterator(document);
}
/**
* Parses `string` as a single YAML document. Throws {@link YAMLException} on
* error. This function does not understand multi-document or empty sources; it
* throws an exception on those.
*
* > [!NOTE]
* > 1. When processing untrusted input, see the
* >    [security considerations](../docs/safety.md).
* > 2. All exceptions MUST be caught, not just {@link YAMLException}.
* > 3. The default {@link CORE_SCHEMA} comes without the `!!merge` tag. You can
* >    easily enable it if needed.
* > 4. The default {@link mapTag} is `{}`-object based, with known limitations
* >    (see description). For full compatibility use {@link realMapTag}
* >    instead (it uses native JS `Map`).
*
* @example
* Enable {@link mergeTag} and {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag, realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Main
*/
function load(input, options) {
	const documents = loadDocuments(input, options);
	if (documents.length === 0) throw new YAMLException("expected a document, but the input is empty");
	if (documents.length === 1) return documents[0];
	throw new YAMLException("expected a single document in the stream, but found more");
}
//#endregion
//#region src/ast/from_js.ts
var INVALID = Symbol("INVALID");
function buildRepresentTypes(schema) {
	const defaultTags = new Set([
		schema.defaultScalarTag,
		schema.defaultSequenceTag,
		schema.defaultMappingTag
	].filter((t) => t !== void 0));
	const implicitScalars = schema.implicitScalarTags;
	const explicitTags = schema.tags.filter((t) => !(t.nodeKind === "scalar" && t.implicit) && !defaultTags.has(t));
	const defaultTagsLast = schema.tags.filter((t) => defaultTags.has(t));
	return [
		...implicitScalars.map((tag) => ({
			tag,
			implicitTag: true
		})),
		...explicitTags.map((tag) => ({
			tag,
			implicitTag: false
		})),
		...defaultTagsLast.map((tag) => ({
			tag,
			implicitTag: true
		}))
	];
}
function matchTag(state, object) {
	for (let index = 0, length = state.representTypes.length; index < length; index += 1) {
		const { tag, implicitTag } = state.representTypes[index];
		if (tag.identify(object)) {
			let tagName;
			if (tag.matchByTagPrefix) tagName = tag.representTagName(object);
			else tagName = tag.tagName;
			return {
				tag,
				tagName,
				implicitTag
			};
		}
	}
	return null;
}
function build(state, object) {
	if (!state.noRefs && object !== null && typeof object === "object") {
		const existing = state.refs.get(object);
		if (existing) {
			if (existing.anchor === void 0) existing.anchor = `ref_${state.refCounter++}`;
			return {
				kind: "alias",
				anchor: existing.anchor
			};
		}
	}
	const matched = matchTag(state, object);
	if (!matched) {
		if (object === void 0) return INVALID;
		if (state.skipInvalid) return INVALID;
		throw new YAMLException(`unacceptable kind of an object to dump ${Object.prototype.toString.call(object)}`);
	}
	const { tag, tagName, implicitTag } = matched;
	const nodeTagName = implicitTag ? tagName : tagNameShort(tagName);
	if (tag.nodeKind === "scalar") return {
		kind: "scalar",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: SCALAR_STYLE.PLAIN,
		value: tag.represent(object)
	};
	if (tag.nodeKind === "sequence") {
		const container = tag.represent(object);
		const node = {
			kind: "sequence",
			tag: nodeTagName,
			tagged: !implicitTag,
			style: COLLECTION_STYLE.BLOCK,
			items: []
		};
		if (!state.noRefs) state.refs.set(object, node);
		for (let index = 0, length = container.length; index < length; index += 1) {
			let item = build(state, container[index]);
			if (item === INVALID && container[index] === void 0) item = build(state, null);
			if (item === INVALID) continue;
			node.items.push(item);
		}
		return node;
	}
	const map = tag.represent(object);
	const node = {
		kind: "mapping",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: COLLECTION_STYLE.BLOCK,
		items: []
	};
	if (!state.noRefs) state.refs.set(object, node);
	for (const [objectKey, objectValue] of map) {
		const key = build(state, objectKey);
		if (key === INVALID) continue;
		const value = build(state, objectValue);
		if (value === INVALID) continue;
		node.items.push({
			key,
			value
		});
	}
	return node;
}
/**
* Convert JS object to AST. A JS value is one YAML document. An unrepresentable
* root becomes an empty document, which the presenter renders as an empty
* string.
*
* @category AST
*/
function jsToAst(input, schema, options = {}) {
	const root = build({
		representTypes: buildRepresentTypes(schema),
		noRefs: options.noRefs ?? false,
		skipInvalid: options.skipInvalid ?? false,
		refs: /* @__PURE__ */ new Map(),
		refCounter: 0
	}, input);
	return [{
		contents: root === INVALID ? null : root,
		directives: []
	}];
}
//#endregion
//#region src/ast/visit.ts
/**
* Return from a visitor to stop the whole traversal.
*
* @category AST
*/
var VISIT_BREAK = Symbol("visit:break");
/**
* Return from a visitor to skip the current node's children.
*
* @category AST
*/
var VISIT_SKIP = Symbol("visit:skip");
function visitNode(node, visitor, ctx) {
	const control = visitor(node, ctx);
	if (control === VISIT_BREAK) return true;
	if (control === VISIT_SKIP) return false;
	const depth = ctx.depth + 1;
	switch (node.kind) {
		case "sequence":
			for (const item of node.items) if (visitNode(item, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
			break;
		case "mapping": for (const { key, value } of node.items) {
			if (visitNode(key, visitor, {
				depth,
				parent: node,
				isKey: true
			})) return true;
			if (visitNode(value, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
		}
	}
	return false;
}
/**
* Walk every node in the documents, calling {@link Visitor} once per
* node (pre-order).
*
* @category AST
*/
function visit(documents, visitor) {
	for (const doc of documents) if (doc.contents && visitNode(doc.contents, visitor, {
		depth: 0,
		parent: null,
		isKey: false
	})) return;
}
//#endregion
//#region src/ast/styler_defaults.ts
function hasBit(mask, bit) {
	return (mask & 1 << bit) !== 0;
}
/**
* Default scalar styling rules in application order.
* See [Scalar styling](../../docs/scalar_styling.md) for usage details.
*
* @category AST
*/
var DEFAULT_SCALAR_STYLE_RULES = {
	applyQuoteFlowKeysOption,
	doubleQuoteForInvisibles,
	doubleQuoteWhitespaceOnly,
	applyForceQuotesOption,
	tryLongOrMultilineAsBlock,
	quoteInvalidPlain,
	fallbackToDoubleQuoted
};
function _preferredQuotedStyle(layout) {
	if (layout.presenterOptions.quoteStyle === "single" && hasBit(layout.allowedStylesMask, SCALAR_STYLE.SINGLE_QUOTED)) return SCALAR_STYLE.SINGLE_QUOTED;
	return SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyQuoteFlowKeysOption(layout) {
	if (!layout.presenterOptions.quoteFlowKeys) return;
	if (!layout.isKey || !layout.flowOnly || layout.style !== SCALAR_STYLE.PLAIN) return;
	layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteForInvisibles(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteWhitespaceOnly(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /^\s+$/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyForceQuotesOption(layout) {
	if (!layout.presenterOptions.forceQuotes) return;
	if (layout.isKey || layout.style !== SCALAR_STYLE.PLAIN) return;
	if (layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
	layout.style = layout.node.value.includes("\n") ? SCALAR_STYLE.DOUBLE_QUOTED : _preferredQuotedStyle(layout);
}
function tryLongOrMultilineAsBlock(layout) {
	if (layout.style !== SCALAR_STYLE.PLAIN || layout.isKey) return;
	const value = layout.node.value;
	const multiline = value.indexOf("\n") !== -1;
	if (!hasBit(layout.allowedStylesMask, SCALAR_STYLE.LITERAL_BLOCK)) {
		if (multiline) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
		return;
	}
	const w = layout.presenterOptions.lineWidth;
	if (w === -1) {
		if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
		return;
	}
	const availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	let position = 0;
	let shouldFold = false;
	while (position <= value.length) {
		let lineEnd = value.length;
		const nextLineBreak = value.indexOf("\n", position);
		if (nextLineBreak !== -1) lineEnd = nextLineBreak;
		const line = value.slice(position, lineEnd);
		if (line.length > availableWidth && line[0] !== " " && / [^ \t]/.test(line)) shouldFold = true;
		if (nextLineBreak === -1) break;
		position = nextLineBreak + 1;
	}
	if (shouldFold) layout.style = SCALAR_STYLE.FOLDED_BLOCK;
	else if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
}
function quoteInvalidPlain(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && !hasBit(layout.allowedStylesMask, SCALAR_STYLE.PLAIN)) layout.style = _preferredQuotedStyle(layout);
}
function fallbackToDoubleQuoted(layout) {
	if (!hasBit(layout.allowedStylesMask, layout.style)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
//#endregion
//#region src/ast/scalar_styler.ts
function setBit(mask, bit) {
	return mask | 1 << bit;
}
var SRC_C_PRINTABLE = "[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]";
var SRC_B_CHAR = "[\\n\\r]";
var SRC_C_BYTE_ORDER_MARK = "\\uFEFF";
var SRC_S_WHITE = "[ \\t]";
var SRC_NB_CHAR = `(?:(?!(?:${SRC_B_CHAR}|${SRC_C_BYTE_ORDER_MARK}))${SRC_C_PRINTABLE})`;
var SRC_NS_CHAR = `(?:(?!${SRC_S_WHITE})${SRC_NB_CHAR})`;
var SRC_NB_JSON = "[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]";
var SRC_C_INDICATOR = "[-?:,\\[\\]{}#&*!|>'\"%@`]";
var SRC_C_FLOW_INDICATOR = "[,\\[\\]{}]";
var SRC_NS_PLAIN_SAFE_FLOW_OUT = SRC_NS_CHAR;
var SRC_NS_PLAIN_SAFE_FLOW_IN = `(?:(?!${SRC_C_FLOW_INDICATOR})${SRC_NS_CHAR})`;
var SRC_NS_PLAIN_FIRST_FLOW_OUT = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))`;
var SRC_NS_PLAIN_FIRST_FLOW_IN = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))`;
var SRC_NS_PLAIN_CHAR_FLOW_OUT = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_OUT})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))#*`;
var SRC_NS_PLAIN_CHAR_FLOW_IN = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_IN})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))#*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_OUT})*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_IN})*`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_OUT = `${SRC_NS_PLAIN_FIRST_FLOW_OUT}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_IN = `${SRC_NS_PLAIN_FIRST_FLOW_IN}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_OUT;
var SRC_NS_PLAIN_ONE_LINE_FLOW_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_IN;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_OUT}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_IN}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT = `${SRC_NS_PLAIN_ONE_LINE_FLOW_OUT}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT})*`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_IN = `${SRC_NS_PLAIN_ONE_LINE_FLOW_IN}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN})*`;
var NS_PLAIN_FLOW_OUT = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT})$`, "u");
var NS_PLAIN_FLOW_IN = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_IN})$`, "u");
var NS_PLAIN_BLOCK_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY})$`, "u");
var NS_PLAIN_FLOW_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_FLOW_KEY})$`, "u");
var NB_SINGLE_ONE_LINE = new RegExp(`^(?:${SRC_NB_JSON})*$`, "u");
var NB_SINGLE_MULTI_LINE = new RegExp(`^(?:${SRC_NB_JSON}|\\n)*$`, "u");
var BLOCK_SCALAR_CONTENT = new RegExp(`^(?:${SRC_NB_CHAR}|\\n)*$`, "u");
var C_FORBIDDEN_FIRST_LINE = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/;
var C_FORBIDDEN_CONTENT = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/m;
function canUsePlain(layout) {
	const str = layout.node.value;
	if (str !== "") {
		if (!(layout.isKey ? layout.flowOnly ? NS_PLAIN_FLOW_KEY : NS_PLAIN_BLOCK_KEY : layout.flowOnly ? NS_PLAIN_FLOW_IN : NS_PLAIN_FLOW_OUT).test(str)) return false;
		if (layout.shiftOfFirstLine === 0 && C_FORBIDDEN_FIRST_LINE.test(str)) return false;
		if (layout.shiftOfContent === 0) {
			const firstLineBreak = str.indexOf("\n");
			if (firstLineBreak !== -1) {
				const content = str.slice(firstLineBreak + 1);
				if (C_FORBIDDEN_CONTENT.test(content)) return false;
			}
		}
	}
	const resolvedTag = layout.presenterOptions.schema.resolveImplicitScalarTag(str).tag.tagName;
	if (!layout.node.tagged && resolvedTag !== layout.node.tag) return false;
	if (!layout.node.tagged && str === "=" && resolvedTag === layout.presenterOptions.schema.defaultScalarTag.tagName) return false;
	return true;
}
function canUseSingleQuoted(layout) {
	const str = layout.node.value;
	if (!(layout.isKey ? NB_SINGLE_ONE_LINE : NB_SINGLE_MULTI_LINE).test(str)) return false;
	if (/[ \t]\n|\n[ \t]/.test(str)) return false;
	if (!layout.isKey && layout.shiftOfContent === 0) {
		const firstLineBreak = str.indexOf("\n");
		if (firstLineBreak !== -1 && C_FORBIDDEN_CONTENT.test(str.slice(firstLineBreak + 1))) return false;
	}
	return true;
}
function canUseBlock(layout) {
	if (layout.flowOnly || !BLOCK_SCALAR_CONTENT.test(layout.node.value)) return false;
	const contentIndent = layout.shiftOfContent - layout.shiftOfParent;
	if (contentIndent < 1) return false;
	if (contentIndent > 9 && /^\n* /.test(layout.node.value)) return false;
	if (layout.shiftOfContent === 0 && C_FORBIDDEN_CONTENT.test(layout.node.value)) return false;
	return true;
}
function detectAllowedStyles(layout) {
	let mask = setBit(0, SCALAR_STYLE.DOUBLE_QUOTED);
	if (canUsePlain(layout)) mask = setBit(mask, SCALAR_STYLE.PLAIN);
	if (canUseSingleQuoted(layout)) mask = setBit(mask, SCALAR_STYLE.SINGLE_QUOTED);
	if (canUseBlock(layout)) mask = setBit(setBit(mask, SCALAR_STYLE.LITERAL_BLOCK), SCALAR_STYLE.FOLDED_BLOCK);
	layout.allowedStylesMask = mask;
}
function renderScalar(layout) {
	switch (layout.style) {
		case SCALAR_STYLE.PLAIN: return renderPlain(layout);
		case SCALAR_STYLE.SINGLE_QUOTED: return renderSingleQuoted(layout);
		case SCALAR_STYLE.LITERAL_BLOCK: return renderLiteralBlock(layout);
		case SCALAR_STYLE.FOLDED_BLOCK: return renderFoldedBlock(layout);
		case SCALAR_STYLE.DOUBLE_QUOTED: return renderDoubleQuoted(layout);
	}
}
function renderPlain(layout) {
	return encodeFlowBreaks(layout.node.value, layout.shiftOfContent);
}
function renderSingleQuoted(layout) {
	return `'${encodeFlowBreaks(layout.node.value, layout.shiftOfContent).replace(/'/g, "''")}'`;
}
function renderLiteralBlock(layout) {
	const value = layout.node.value;
	return "|" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(value, layout.shiftOfContent));
}
function renderFoldedBlock(layout) {
	const value = layout.node.value;
	const w = layout.presenterOptions.lineWidth;
	let availableWidth = Infinity;
	if (w !== -1) availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	return ">" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(foldBlockScalar(value, availableWidth), layout.shiftOfContent));
}
function renderDoubleQuoted(layout) {
	return `"${escapeString(layout.node.value)}"`;
}
function encodeFlowBreaks(string, shiftOfContent) {
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) return string;
	const pad = " ".repeat(shiftOfContent);
	let result = string.slice(0, nextLF);
	const lineRe = /(\n+)([^\n]*)/g;
	lineRe.lastIndex = nextLF;
	let match;
	while (match = lineRe.exec(string)) {
		const breaks = match[1].length;
		const line = match[2];
		result += "\n".repeat(breaks + 1) + pad + line;
	}
	return result;
}
function indentString(string, spaces) {
	const indent = " ".repeat(spaces);
	let position = 0;
	let result = "";
	const length = string.length;
	while (position < length) {
		let line;
		const next = string.indexOf("\n", position);
		if (next === -1) {
			line = string.slice(position);
			position = length;
		} else {
			line = string.slice(position, next + 1);
			position = next + 1;
		}
		if (line.length && line !== "\n") result += indent;
		result += line;
	}
	return result;
}
function needIndentIndicator(string) {
	return /^\n* /.test(string);
}
function blockHeader(string, shiftOfParent, shiftOfContent) {
	const indentIndicator = needIndentIndicator(string) ? String(shiftOfContent - shiftOfParent) : "";
	const clip = string[string.length - 1] === "\n";
	return `${indentIndicator}${clip && (string[string.length - 2] === "\n" || string === "\n") ? "+" : clip ? "" : "-"}\n`;
}
function dropEndingNewline(string) {
	return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
}
function isMoreIndented(char) {
	return char === " " || char === "	";
}
function foldLine(line, width) {
	if (line === "" || isMoreIndented(line[0])) return line;
	const breakRe = / [^ \t]/g;
	let match;
	let start = 0;
	let end;
	let curr = 0;
	let next = 0;
	let result = "";
	while (match = breakRe.exec(line)) {
		next = match.index;
		if (next - start > width) {
			end = curr > start ? curr : next;
			result += `\n${line.slice(start, end)}`;
			start = end + 1;
		}
		curr = next;
	}
	result += "\n";
	if (line.length - start > width && curr > start) result += `${line.slice(start, curr)}\n${line.slice(curr + 1)}`;
	else result += line.slice(start);
	return result.slice(1);
}
function foldBlockScalar(string, width) {
	const lineRe = /(\n+)([^\n]*)/g;
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) nextLF = string.length;
	lineRe.lastIndex = nextLF;
	let result = foldLine(string.slice(0, nextLF), width);
	let prevMoreIndented = string[0] === "\n" || isMoreIndented(string[0]);
	let moreIndented;
	let match;
	while (match = lineRe.exec(string)) {
		const prefix = match[1];
		const line = match[2];
		moreIndented = line !== "" && isMoreIndented(line[0]);
		result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
		prevMoreIndented = moreIndented;
	}
	return result;
}
var CHARACTERS_TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
function escapeCharacter(character) {
	switch (character) {
		case "\0": return "\\0";
		case "\x07": return "\\a";
		case "\b": return "\\b";
		case "	": return "\\t";
		case "\n": return "\\n";
		case "\v": return "\\v";
		case "\f": return "\\f";
		case "\r": return "\\r";
		case "\x1B": return "\\e";
		case "\"": return "\\\"";
		case "\\": return "\\\\";
		case "": return "\\N";
		case "\xA0": return "\\_";
		case "\u2028": return "\\L";
		case "\u2029": return "\\P";
	}
	const code = character.charCodeAt(0);
	const hex = code.toString(16).toUpperCase();
	if (code <= 255) return `\\x${"0".repeat(2 - hex.length)}${hex}`;
	return `\\u${"0".repeat(4 - hex.length)}${hex}`;
}
function escapeString(string) {
	return string.replace(CHARACTERS_TO_ESCAPE, escapeCharacter);
}
//#endregion
//#region src/ast/presenter.ts
var CHAR_LINE_FEED = 10;
var DEFAULT_PRESENTER_OPTIONS = {
	indent: 2,
	seqNoIndent: false,
	seqInlineFirst: true,
	lineWidth: 80,
	flowBracketPadding: false,
	flowSkipCommaSpace: false,
	flowSkipColonSpace: false,
	quoteFlowKeys: false,
	quoteStyle: "single",
	forceQuotes: false,
	scalarStyleRules: Object.keys(DEFAULT_SCALAR_STYLE_RULES).map((name) => Reflect.get(DEFAULT_SCALAR_STYLE_RULES, name)),
	tagBeforeAnchor: false
};
function nodeTagShort(node) {
	return node.tagged ? node.tag : tagNameShort(node.tag);
}
function createPresenterState(options) {
	const opts = {
		...DEFAULT_PRESENTER_OPTIONS,
		...options
	};
	if (opts.flowSkipColonSpace) opts.quoteFlowKeys = true;
	return {
		...opts,
		defaultScalarTagName: opts.schema.defaultScalarTag.tagName,
		openEnded: false
	};
}
function generateNextLine(state, level) {
	return `\n${" ".repeat(state.indent * level)}`;
}
function scalarLayout(state, node, parent, level, isKey, flowOnly) {
	return {
		node,
		parent,
		level,
		isKey,
		flowOnly,
		shiftOfParent: level === 0 ? -1 : state.indent * (level - 1),
		shiftOfContent: state.indent * Math.max(1, level),
		shiftOfFirstLine: level === 0 ? 0 : state.indent * level,
		presenterOptions: state,
		allowedStylesMask: 0,
		style: node.style
	};
}
function writeFlowSequence(state, level, node) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level, node.items[index], node, {}).text;
		if (index > 0) result += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		result += item;
	}
	const pad = state.flowBracketPadding && node.items.length > 0 ? " " : "";
	return `[${pad}${result}${pad}]`;
}
function writeBlockSequence(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level + 1, node.items[index], node, {
			block: true,
			compact: state.seqInlineFirst,
			isblockseq: true
		}).text;
		if (!compact || result !== "") result += generateNextLine(state, level);
		if (item === "" || CHAR_LINE_FEED === item.charCodeAt(0)) result += "-";
		else result += "- ";
		result += item;
	}
	return result;
}
function writeFlowMapping(state, level, node) {
	let result = "";
	for (const { key, value } of node.items) {
		let pairBuffer = "";
		if (result !== "") pairBuffer += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		const keyRender = writeNode(state, level, key, node, { iskey: true });
		const keyText = keyRender.text;
		const valueText = writeNode(state, level, value, node, {}).text;
		const sep = state.flowSkipColonSpace || valueText === "" ? "" : " ";
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = key.kind === "alias" || keyIsBareProps ? " " : "";
		pairBuffer += `${keyText}${keyColonSep}:${sep}${valueText}`;
		result += pairBuffer;
	}
	const pad = state.flowBracketPadding && result !== "" ? " " : "";
	return `{${pad}${result}${pad}}`;
}
function writeBlockMapping(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		let pairBuffer = "";
		if (!compact || result !== "") pairBuffer += generateNextLine(state, level);
		const { key, value } = node.items[index];
		const keyIsBlock = (key.kind === "mapping" || key.kind === "sequence") && key.style === COLLECTION_STYLE.BLOCK && key.items.length !== 0 || key.kind === "scalar" && (key.style === SCALAR_STYLE.LITERAL_BLOCK || key.style === SCALAR_STYLE.FOLDED_BLOCK);
		const keyRender = keyIsBlock ? writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			isblockseq: !cannotBeCompact(state, key, level + 1)
		}) : writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			iskey: true
		});
		const keyText = keyRender.text;
		const keyHasLineBreak = key.kind === "scalar" && key.value.indexOf("\n") !== -1;
		const keyIsTooLong = keyText.length > 1024 && /^[\s\S]{1025}/u.test(keyText);
		const explicitPair = keyIsBlock || keyHasLineBreak || keyIsTooLong;
		if (explicitPair) {
			if (keyText && CHAR_LINE_FEED === keyText.charCodeAt(0)) pairBuffer += "?";
			else pairBuffer += "? ";
		}
		pairBuffer += keyText;
		if (explicitPair) pairBuffer += generateNextLine(state, level);
		const valueText = writeNode(state, level + 1, value, node, {
			block: true,
			compact: explicitPair,
			isblockseq: explicitPair && !cannotBeCompact(state, value, level + 1)
		}).text;
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = !explicitPair && (key.kind === "alias" || keyIsBareProps) ? " " : "";
		if (valueText === "" || CHAR_LINE_FEED === valueText.charCodeAt(0)) pairBuffer += `${keyColonSep}:`;
		else pairBuffer += `${keyColonSep}: `;
		pairBuffer += valueText;
		result += pairBuffer;
	}
	return result;
}
function cannotBeCompact(state, node, level) {
	if (node.kind === "alias") return true;
	return node.tagged || node.anchor !== void 0 || state.indent < 2 && level > 0;
}
function writeNode(state, level, node, parent, ctx) {
	if (node.kind === "alias") {
		state.openEnded = false;
		return {
			text: `*${node.anchor}`,
			noBody: false
		};
	}
	const { block = false, iskey = false, isblockseq = false } = ctx;
	let compact = ctx.compact ?? false;
	const hasAnchor = node.anchor !== void 0;
	if (cannotBeCompact(state, node, level)) compact = false;
	let body;
	let shouldPrintTag = node.tagged;
	const useBlockCollection = block && (node.kind === "mapping" || node.kind === "sequence") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0;
	if (node.kind === "mapping") {
		if (useBlockCollection) body = writeBlockMapping(state, level, node, compact);
		else body = writeFlowMapping(state, level, node);
	} else if (node.kind === "sequence") {
		if (useBlockCollection) {
			if (state.seqNoIndent && !isblockseq && level > 0) body = writeBlockSequence(state, level - 1, node, compact);
			else body = writeBlockSequence(state, level, node, compact);
		} else body = writeFlowSequence(state, level, node);
	} else {
		const layout = scalarLayout(state, node, parent, level, iskey, !block);
		detectAllowedStyles(layout);
		for (const rule of state.scalarStyleRules) rule(layout);
		body = renderScalar(layout);
		state.openEnded = (layout.style === SCALAR_STYLE.LITERAL_BLOCK || layout.style === SCALAR_STYLE.FOLDED_BLOCK) && (node.value === "\n" || node.value.endsWith("\n\n"));
		shouldPrintTag = node.tagged || body === "" && layout.flowOnly && parent?.kind === "sequence" && !hasAnchor || layout.style !== SCALAR_STYLE.PLAIN && node.tag !== state.defaultScalarTagName;
	}
	if ((node.kind === "mapping" || node.kind === "sequence") && !useBlockCollection) state.openEnded = false;
	if (useBlockCollection && compact && level > 0 && state.indent > 2) body = `${" ".repeat(state.indent - 2)}${body}`;
	const noBody = body === "";
	let text = body;
	if (shouldPrintTag || hasAnchor) {
		const props = [];
		const tag = shouldPrintTag ? nodeTagShort(node) : null;
		const anchor = hasAnchor ? `&${node.anchor}` : null;
		if (state.tagBeforeAnchor) {
			if (tag !== null) props.push(tag);
			if (anchor !== null) props.push(anchor);
		} else {
			if (anchor !== null) props.push(anchor);
			if (tag !== null) props.push(tag);
		}
		const sep = body === "" || body.charCodeAt(0) === CHAR_LINE_FEED ? "" : " ";
		text = `${props.join(" ")}${sep}${body}`;
	}
	return {
		text,
		noBody
	};
}
function rootStartsOwnLine(node) {
	return (node.kind === "sequence" || node.kind === "mapping") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0 && !node.tagged && node.anchor === void 0;
}
function writeDocumentDirectives(doc) {
	let result = "";
	for (const directive of doc.directives) {
		if (directive.kind === "yaml") {
			result += `%YAML ${directive.version}\n`;
			continue;
		}
		const { handle, prefix } = directive;
		result += `%TAG ${handle} ${prefix}\n`;
	}
	return result;
}
/**
* Build YAML from AST.
*
* @category AST
*/
function present(documents, options) {
	const state = createPresenterState(options);
	let result = "";
	let previousEnded = false;
	for (let index = 0; index < documents.length; index += 1) {
		const doc = documents[index];
		state.openEnded = false;
		const directives = writeDocumentDirectives(doc);
		const hasDirectives = directives !== "";
		const marker = doc.explicitStart || hasDirectives || index > 0 && !previousEnded;
		result += directives;
		if (doc.contents === null) {
			if (marker) result += "---\n";
		} else if (marker) {
			const body = writeNode(state, 0, doc.contents, null, {
				block: true,
				compact: true
			}).text;
			const sep = body === "" ? "" : hasDirectives || rootStartsOwnLine(doc.contents) ? "\n" : " ";
			result += `---${sep}${body}\n`;
		} else result += writeNode(state, 0, doc.contents, null, {
			block: true,
			compact: true
		}).text + "\n";
		previousEnded = doc.explicitEnd || state.openEnded;
		if (previousEnded) result += "...\n";
	}
	return result;
}
//#endregion
//#region src/dump.ts
var DEFAULT_DUMP_OPTIONS = {
	...DEFAULT_PRESENTER_OPTIONS,
	schema: DUMP_SCHEMA,
	skipInvalid: false,
	noRefs: false,
	flowLevel: -1,
	sortKeys: false,
	transform: () => {}
};
function defaultCompareFn(a, b) {
	const x = String(a);
	const y = String(b);
	if (x < y) return -1;
	if (x > y) return 1;
	return 0;
}
/**
* Serializes JS object as a YAML document. By default it can dump every
* supported YAML type, so it throws an exception if you try to dump regexps or
* functions. However, you can disable exceptions by setting the
* {@link DumpOptions.skipInvalid} option to `true`.
*
* @category Main
*/
function dump(input, options = {}) {
	const opts = {
		...DEFAULT_DUMP_OPTIONS,
		...options
	};
	const documents = jsToAst(input, opts.schema, {
		noRefs: opts.noRefs,
		skipInvalid: opts.skipInvalid
	});
	if (opts.flowLevel >= 0) visit(documents, (node, ctx) => {
		if (ctx.depth < opts.flowLevel) return;
		if (node.kind === "sequence" || node.kind === "mapping") node.style = COLLECTION_STYLE.FLOW;
		return VISIT_SKIP;
	});
	if (opts.sortKeys) {
		const compareFn = opts.sortKeys === true ? defaultCompareFn : opts.sortKeys;
		visit(documents, (node) => {
			if (node.kind !== "mapping") return;
			node.items.sort((a, b) => compareFn(a.key.kind === "scalar" ? a.key.value : "", b.key.kind === "scalar" ? b.key.value : ""));
		});
	}
	opts.transform(documents);
	return present(documents, {
		...pick(opts, Object.keys(DEFAULT_PRESENTER_OPTIONS)),
		schema: opts.schema
	});
}
//#endregion
//#region src/ast/from_events.ts
var NO_RANGE = (/* unused pure expression or super */ null && (-1));
function eventPosition(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function rawTag(state, event) {
	return event.tagStart === NO_RANGE ? "" : state.source.slice(event.tagStart, event.tagEnd);
}
function anchorName(state, event) {
	return event.anchorStart === NO_RANGE ? void 0 : state.source.slice(event.anchorStart, event.anchorEnd);
}
function buildScalar(state, event) {
	const value = getScalarValue(state.source, event);
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw !== "") {
		tagged = true;
		tag = raw;
	} else if (event.style === SCALAR_STYLE.PLAIN) tag = state.schema.resolveImplicitScalarTag(value).tag.tagName;
	else tag = state.schema.defaultScalarTag.tagName;
	return {
		kind: "scalar",
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event),
		value
	};
}
function buildCollection(state, event, defaultTagName) {
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw === "") tag = defaultTagName;
	else {
		tag = raw;
		tagged = true;
	}
	return {
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event)
	};
}
function addNode(state, node) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") frame.doc.contents = node;
	else if (frame.kind === "sequence") frame.node.items.push(node);
	else if (frame.key) {
		frame.node.items.push({
			key: frame.key,
			value: node
		});
		frame.key = null;
	} else frame.key = node;
}
/**
* Builds an AST from parser events
*
* @category AST
*/
function eventsToAst(events, options) {
	const state = {
		source: options.source,
		schema: options.schema,
		eventIndex: 0,
		position: 0,
		frames: [],
		documents: []
	};
	while (state.eventIndex < events.length) {
		const event = events[state.eventIndex++];
		state.position = eventPosition(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT: {
				const doc = {
					contents: null,
					explicitStart: event.explicitStart,
					explicitEnd: event.explicitEnd,
					directives: event.directives
				};
				state.frames.push({
					kind: "document",
					doc
				});
				break;
			}
			case EVENT_ID.SCALAR:
				addNode(state, buildScalar(state, event));
				break;
			case EVENT_ID.SEQUENCE: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:seq");
				const node = {
					kind: "sequence",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "sequence",
					node
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:map");
				const node = {
					kind: "mapping",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "mapping",
					node,
					key: null
				});
				break;
			}
			case EVENT_ID.ALIAS:
				addNode(state, {
					kind: "alias",
					anchor: state.source.slice(event.anchorStart, event.anchorEnd)
				});
				break;
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.key) throw new Error("incomplete mapping pair in event stream");
				if (frame.kind === "document") state.documents.push(frame.doc);
				else addNode(state, frame.node);
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/index.ts
/** @deprecated Use `EVENT_ID.DOCUMENT` instead. @internal */
var EVENT_DOCUMENT = EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = EVENT_ID.POP;
/** @deprecated Use `SCALAR_STYLE.PLAIN` instead. @internal */
var SCALAR_STYLE_PLAIN = SCALAR_STYLE.PLAIN;
/** @deprecated Use `SCALAR_STYLE.SINGLE_QUOTED` instead. @internal */
var SCALAR_STYLE_SINGLE_QUOTED = SCALAR_STYLE.SINGLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.DOUBLE_QUOTED` instead. @internal */
var SCALAR_STYLE_DOUBLE_QUOTED = SCALAR_STYLE.DOUBLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.LITERAL_BLOCK` instead. @internal */
var SCALAR_STYLE_LITERAL_BLOCK = SCALAR_STYLE.LITERAL_BLOCK;
/** @deprecated Use `SCALAR_STYLE.FOLDED_BLOCK` instead. @internal */
var SCALAR_STYLE_FOLDED_BLOCK = SCALAR_STYLE.FOLDED_BLOCK;
/** @deprecated Use `COLLECTION_STYLE.BLOCK` instead. @internal */
var COLLECTION_STYLE_BLOCK = COLLECTION_STYLE.BLOCK;
/** @deprecated Use `COLLECTION_STYLE.FLOW` instead. @internal */
var COLLECTION_STYLE_FLOW = COLLECTION_STYLE.FLOW;
/** @deprecated Use `CHOMPING_MODE.CLIP` instead. @internal */
var CHOMPING_CLIP = CHOMPING_MODE.CLIP;
/** @deprecated Use `CHOMPING_MODE.STRIP` instead. @internal */
var CHOMPING_STRIP = CHOMPING_MODE.STRIP;
/** @deprecated Use `CHOMPING_MODE.KEEP` instead. @internal */
var CHOMPING_KEEP = CHOMPING_MODE.KEEP;
//#endregion


//# sourceMappingURL=js-yaml.mjs.map

/***/ }),

/***/ 3837:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$id":"https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#","description":"Meta-schema for $data reference (JSON AnySchema extension proposal)","type":"object","required":["$data"],"properties":{"$data":{"type":"string","anyOf":[{"format":"relative-json-pointer"},{"format":"json-pointer"}]}},"additionalProperties":false}');

/***/ }),

/***/ 2079:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"http://json-schema.org/draft-07/schema#","title":"Core schema meta-schema","definitions":{"schemaArray":{"type":"array","minItems":1,"items":{"$ref":"#"}},"nonNegativeInteger":{"type":"integer","minimum":0},"nonNegativeIntegerDefault0":{"allOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]},"simpleTypes":{"enum":["array","boolean","integer","null","number","object","string"]},"stringArray":{"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]}},"type":["object","boolean"],"properties":{"$id":{"type":"string","format":"uri-reference"},"$schema":{"type":"string","format":"uri"},"$ref":{"type":"string","format":"uri-reference"},"$comment":{"type":"string"},"title":{"type":"string"},"description":{"type":"string"},"default":true,"readOnly":{"type":"boolean","default":false},"examples":{"type":"array","items":true},"multipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exclusiveMaximum":{"type":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"maxLength":{"$ref":"#/definitions/nonNegativeInteger"},"minLength":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"pattern":{"type":"string","format":"regex"},"additionalItems":{"$ref":"#"},"items":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/schemaArray"}],"default":true},"maxItems":{"$ref":"#/definitions/nonNegativeInteger"},"minItems":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"uniqueItems":{"type":"boolean","default":false},"contains":{"$ref":"#"},"maxProperties":{"$ref":"#/definitions/nonNegativeInteger"},"minProperties":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"required":{"$ref":"#/definitions/stringArray"},"additionalProperties":{"$ref":"#"},"definitions":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"properties":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"patternProperties":{"type":"object","additionalProperties":{"$ref":"#"},"propertyNames":{"format":"regex"},"default":{}},"dependencies":{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/stringArray"}]}},"propertyNames":{"$ref":"#"},"const":true,"enum":{"type":"array","items":true,"minItems":1,"uniqueItems":true},"type":{"anyOf":[{"$ref":"#/definitions/simpleTypes"},{"type":"array","items":{"$ref":"#/definitions/simpleTypes"},"minItems":1,"uniqueItems":true}]},"format":{"type":"string"},"contentMediaType":{"type":"string"},"contentEncoding":{"type":"string"},"if":{"$ref":"#"},"then":{"$ref":"#"},"else":{"$ref":"#"},"allOf":{"$ref":"#/definitions/schemaArray"},"anyOf":{"$ref":"#/definitions/schemaArray"},"oneOf":{"$ref":"#/definitions/schemaArray"},"not":{"$ref":"#"}},"default":true}');

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__cliMain = __webpack_exports__.m;
/******/ export { __webpack_exports__cliMain as cliMain };
/******/ 

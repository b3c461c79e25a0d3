package dataflow

import (
	"maps"
	"slices"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// aliases maps each local variable assigned exactly once, from a plain
// location (a variable or a member chain, no call) or an accessor call
// of plain locations (accessorCall), to that location's or call's key: a
// lock reached through the variable is the same lock as through the
// location (sched_engine = engine->sched_engine; spin_lock(
// &sched_engine->lock) ... spin_unlock(&engine->sched_engine->lock)).
func aliases(f *cparse.Func) map[string]string {
	st := storesTo(f)
	out := map[string]string{}
	for name, k := range st.from {
		if st.locals[name] && st.count[name] == 1 && keyBase(strings.TrimPrefix(k, "&")) != name {
			out[name] = k
		}
	}
	// sbi = EXT4_SB(inode->i_sb): sbi->s_fc_lock is the lock
	// &EXT4_SB(inode->i_sb)->s_fc_lock names, while what the call reads
	// stays as it was (and as a callee's summary spells it). Only where
	// the function spells a key both ways: elsewhere the variable is the
	// better name, and a lookup that locks what it returns is no
	// accessor.
	//
	// Also where the call is on the function's parameters only and the
	// function neither returns nor tests the variable (tc =
	// to_tc_port(dig_port); mutex_unlock(&tc->lock)): the call's
	// spelling is one its callers can rename to theirs (RewriteKey), the
	// variable's none, so a lock the function takes or releases through
	// the variable is in its summary. A lookup that returns what it
	// locked (ipcp = ipc_findkey(ids, key); if (ipcp == NULL) ...) keeps
	// the variable's name, which the lookup's summary gives the lock.
	var spelled []string
	var named map[string]bool // returned or tested: the variable's own name is needed
	if len(st.call) > 0 {
		spelled = keysSpelledInCalls(f)
		named = returnedNames(f)
		for name := range testedNames(f) {
			named[name] = true
		}
	}
	params := map[string]bool{}
	for _, p := range f.Params {
		params[p.Name] = true
	}
	// An accessor's argument may itself be a plain alias (file =
	// iocb->ki_filp; inode = file_inode(file)): the call is on what
	// the alias names.
	plain := maps.Clone(out)
	for name, call := range st.call {
		if !st.locals[name] || st.count[name] != 1 {
			continue
		}
		spelling := cparse.LockKey(cparse.ExprText(call))
		k := canonKey(spelling, plain)
		onParams := !named[name]
		for _, a := range call.Args {
			onParams = onParams && params[keyBase(strings.TrimPrefix(canonKey(locationKey(a), plain), "&"))]
		}
		if !onParams && !slices.ContainsFunc(spelled, func(s string) bool {
			rest, ok := strings.CutPrefix(s, spelling)
			return ok && (strings.HasPrefix(rest, "->") || strings.HasPrefix(rest, "."))
		}) {
			continue
		}
		same := true
		for _, a := range call.Args {
			base := keyBase(locationKey(a))
			// st.count counts every store, change and taken address;
			// a plain alias is stored once, and stays what it names.
			if base == name || st.count[base] > 0 && plain[base] == "" {
				same = false
			}
		}
		if same {
			out[name] = k
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// returnedNames are the variables a function's return statements
// return.
func returnedNames(f *cparse.Func) map[string]bool {
	out := map[string]bool{}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		x := s.X
		for x != nil && x.Kind == cparse.Cast {
			x = x.X
		}
		if s.Kind == cparse.Return && x != nil && x.Kind == cparse.Ident {
			out[x.Name] = true
		}
	})
	return out
}

// testedNames are the variables whose own values a function's branch,
// loop and conditional-expression conditions test, as the branches read
// them (branchFacts: if (!ipcp), ipcp == NULL, IS_ERR(ipcp)); a member
// read through one (if (tc->link_refcount)) or a call given one
// (i_size_read(inode)) tests something else.
func testedNames(f *cparse.Func) map[string]bool {
	out := map[string]bool{}
	var visit func(x *cparse.Expr)
	visit = func(x *cparse.Expr) {
		for x != nil && x.Kind == cparse.Cast {
			x = x.X
		}
		switch {
		case x == nil:
		case x.Kind == cparse.Unary && x.Op == "!":
			visit(x.X)
		case x.Kind == cparse.Binary && (x.Op == "&&" || x.Op == "||"):
			visit(x.X)
			visit(x.Y)
		default:
			if k, _, _ := branchFacts(x); k != "" && keyBase(k) == k {
				out[k] = true
			}
		}
	}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		switch s.Kind {
		case cparse.If, cparse.While, cparse.DoWhile, cparse.For, cparse.Switch:
			visit(s.X)
		}
	})
	cparse.WalkExprs(f.Body, func(x *cparse.Expr) {
		if x.Kind == cparse.Cond {
			visit(x.X)
		}
	})
	return out
}

// keysSpelledInCalls are the keys of the arguments of the calls a
// function's body makes.
func keysSpelledInCalls(f *cparse.Func) []string {
	var out []string
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		if e.API == nil {
			return
		}
		for _, a := range e.API.Args {
			out = append(out, cparse.LockKey(a))
		}
	})
	return out
}

// assignedOnce lists the local variables st says are given a value
// exactly once, whatever the value (desc = irq_to_desc(irq)), and never
// changed or address-taken: a lock reached through one names one object.
func assignedOnce(st stores) map[string]bool {
	out := map[string]bool{}
	for name := range st.locals {
		if st.count[name] == 1 {
			out[name] = true
		}
	}
	return out
}

// stores is what a function's body stores into its variables.
type stores struct {
	count  map[string]int          // stores to each variable (2 for a change other than a plain store, or a taken address)
	from   map[string]string       // the plain location a plain store copies
	call   map[string]*cparse.Expr // the accessor call a plain store copies the value of (see accessorCall)
	value  map[string]*cparse.Expr // the value of the last plain store
	locals map[string]bool         // the variables declared in the body
}

// storesTo reads the stores into the variables of f's body.
func storesTo(f *cparse.Func) stores {
	st := stores{count: map[string]int{}, from: map[string]string{}, call: map[string]*cparse.Expr{}, value: map[string]*cparse.Expr{}, locals: map[string]bool{}}
	if f == nil || f.Body == nil {
		return st
	}
	note := func(name string, rhs *cparse.Expr) {
		st.count[name]++
		st.value[name] = rhs
		if k := locationKey(rhs); k != "" {
			if isAddress(rhs) {
				// config = &dev->mode_config: config->mutex is
				// dev->mode_config.mutex (Path.Rebase).
				k = "&" + k
			}
			st.from[name] = k
		} else if c := accessorCall(rhs); c != nil {
			st.call[name] = c
		} else if ptr, member, ok := cparse.ContainerOf(rhs); ok && !strings.Contains(member, ".") {
			if k := locationKey(ptr); k != "" && !isAddress(ptr) {
				st.from[name] = containerAlias(member, k)
			}
		}
	}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		for _, d := range s.Decls {
			st.locals[d.Var.Name] = true
			if d.Init != nil {
				note(d.Var.Name, d.Init)
			}
		}
	})
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident:
			if e.Op == "=" {
				note(e.X.Name, e.Y)
			} else {
				st.count[e.X.Name] += 2
			}
		case (e.Kind == cparse.Unary && (e.Op == "++" || e.Op == "--" || e.Op == "&") || e.Kind == cparse.Postfix) && e.X != nil && e.X.Kind == cparse.Ident:
			st.count[e.X.Name] += 2 // changed, or its address taken
		}
	})
	return st
}

// locationKey is the key of an expression that is a plain location, ""
// for anything else.
func locationKey(e *cparse.Expr) string {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	if e == nil {
		return ""
	}
	ok := true
	var walk func(x *cparse.Expr)
	walk = func(x *cparse.Expr) {
		switch {
		case x == nil:
			ok = false
		case x.Kind == cparse.Ident:
		case x.Kind == cparse.Call && len(x.Args) == 0 && x.X != nil && x.X.Kind == cparse.Ident && stableCall(x.X.Name):
			// current: the running task, the same all through.
		case x.Kind == cparse.Member:
			walk(x.X)
		case x.Kind == cparse.Unary && (x.Op == "&" || x.Op == "*"):
			walk(x.X)
		default:
			ok = false
		}
	}
	walk(e)
	if !ok {
		return ""
	}
	return cparse.LockKey(cparse.ExprText(e))
}

// isAddress reports whether e is &x, through casts.
func isAddress(e *cparse.Expr) bool {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	return e != nil && e.Kind == cparse.Unary && e.Op == "&"
}

// accessorCall is a call of a named function whose arguments are all
// plain locations (EXT4_SB(inode->i_sb), to_tc_port(dig_port)), nil for
// anything else: what it returns depends on them alone, as far as a lock
// key is concerned.
func accessorCall(e *cparse.Expr) *cparse.Expr {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	if e == nil || e.Kind != cparse.Call || e.X == nil || e.X.Kind != cparse.Ident || len(e.Args) == 0 {
		return nil
	}
	for _, a := range e.Args {
		if k := locationKey(a); k == "" || keyBase(k) == "" {
			return nil
		}
	}
	return e
}

func stableCall(name string) bool {
	_, ok := kapi.StableCall(name)
	return ok
}

// canonKey rewrites a lock key through the function's aliases (their
// values are keys, with a leading & for an alias of an address).
// containerAlias is the alias of a variable that holds the object a
// pointer, of key ptr, points to the member of (msq =
// container_of(ipcp, struct msg_queue, q_perm)): msq->q_perm.lock is
// ipcp->lock, the lock a callee given ipcp takes or releases as it names
// it (ipc/msg.c freeque()); what else msq reaches has no other name.
func containerAlias(member, ptr string) string { return "\x00" + member + "\x00" + ptr }

// throughContainer is the key p names through a container alias a, ok
// false where p reaches no member of the pointer's object (msq->q_qnum).
// An address of the member itself is the pointer (&msq->q_perm is ipcp).
func throughContainer(p cparse.Path, a string, address bool) (string, bool) {
	member, ptr, _ := strings.Cut(a[1:], "\x00")
	if len(p.Steps) == 0 || p.Steps[0] != (cparse.Step{Op: "->", Name: member}) {
		return "", false
	}
	switch {
	case len(p.Steps) == 1 && address:
		return ptr, true
	case len(p.Steps) >= 2 && p.Steps[1].Op == ".":
		np := cparse.ParsePath(ptr)
		np.Steps = append(append(slices.Clone(np.Steps), cparse.Step{Op: "->", Name: p.Steps[1].Name}), p.Steps[2:]...)
		return np.String(), true
	}
	return "", false
}

func canonKey(key string, alias map[string]string) string {
	// An accessor's argument, parenthesized by a macro or not
	// ((unix_sk(sk))->lock with sk = sock->sk): the same lock as the one
	// a call given the variable takes through the accessor.
	if n := closingParen(key); n > 0 && strings.HasSuffix(key[1:n], ")") {
		return "(" + canonKey(key[1:n], alias) + ")" + key[n+1:]
	}
	if open := strings.IndexByte(key, '('); open > 0 && cparse.IsIdent(key[:open]) {
		if end := cparse.ClosingParen(key, open); end > 0 {
			if inner := key[open+1 : end]; !strings.Contains(inner, ",") {
				return key[:open+1] + canonKey(inner, alias) + key[end:]
			}
		}
		return key
	}
	for range 4 {
		p := cparse.ParsePath(key)
		a, ok := alias[p.Base]
		if !ok {
			return key
		}
		if strings.HasPrefix(a, "\x00") {
			if key, ok = throughContainer(p, a, false); !ok {
				return p.String()
			}
			continue
		}
		key = p.Rebase(a).String()
	}
	return key
}

// canon is the event as the analysis reads it: the arguments of a call
// rewritten through the function's aliases.
func (r *Func) canon(e *cfg.Event) *cfg.Event {
	if len(r.alias) == 0 || e.Kind != cfg.Call || e.API == nil || len(e.API.Args) == 0 {
		return e
	}
	var args []string
	for i, a := range e.API.Args {
		k := cparse.LockKey(a)
		if t := strings.TrimSpace(a); strings.HasPrefix(t, "&") && !strings.HasPrefix(t, "&&") {
			// ipc_lock_object(&msq->q_perm) with msq a container
			// alias: ipc_lock_object(ipcp).
			p := cparse.ParsePath(k)
			if al := r.alias[p.Base]; strings.HasPrefix(al, "\x00") {
				if ptr, ok := throughContainer(p, al, true); ok {
					if args == nil {
						args = append([]string(nil), e.API.Args...)
					}
					args[i] = canonKey(ptr, r.alias)
					continue
				}
			}
		}
		if c := canonKey(k, r.alias); c != k {
			if args == nil {
				args = append([]string(nil), e.API.Args...)
			}
			// An address stays one: kvfree_call_rcu(&___p->rhf, ...)
			// is given a valid pointer, which the key alone does not say;
			// so does a variable that holds one (config =
			// &dev->mode_config; f(config)).
			if t := strings.TrimSpace(a); strings.HasPrefix(t, "&") && !strings.HasPrefix(t, "&&") || strings.HasPrefix(r.alias[k], "&") {
				c = "&" + c
			}
			args[i] = c
		}
	}
	if args == nil {
		return e
	}
	api := *e.API
	api.Args = args
	c := *e
	c.API = &api
	return &c
}

// throughAccessors rewrites a key that starts with a call of an
// accessor, a function that returns a path from its parameter
// (Summary.ReturnsPath), as that path in the function's terms:
// bdev_get_queue(ctx->bdev)->queue_lock is ctx->bdev->bd_queue->queue_lock,
// as block/blk-cgroup.c blkg_conf_exit()'s annotation names the lock it
// releases through the accessor. Other keys are as they are. Keys keep
// the spelling the source gave them (the findings name the lock so);
// the two spellings meet where a release is applied (releasedAs).
func (r *Func) throughAccessors(key string) string {
	if r.env == nil {
		return key
	}
	for range 4 {
		open := strings.IndexByte(key, '(')
		if open <= 0 || !cparse.IsIdent(key[:open]) {
			return key
		}
		end := cparse.ClosingParen(key, open)
		if end < 0 {
			return key
		}
		rest := key[end+1:]
		if rest != "" && !strings.HasPrefix(rest, "->") && !strings.HasPrefix(rest, ".") {
			return key
		}
		sum, ok := r.env.lookup(key[:open])
		if !ok || sum.ReturnsPath == "" {
			return key
		}
		args := splitArgs(key[open+1 : end])
		for i := range args {
			args[i] = r.throughAccessors(cparse.LockKey(args[i]))
		}
		path, ok := RewriteKey(sum.Params, sum.ReturnsPath, args)
		if !ok || !isLocationText(path) {
			return key
		}
		key = path + rest
	}
	return key
}

// releasedAs is the release e as it applies to the state s: one that
// names a lock not held by its own spelling releases the held lock its
// spelling means through accessors (throughAccessors), if there is one.
func (r *Func) releasedAs(s *State, e *cfg.Event, eff kapi.Effect) *cfg.Event {
	key, i := LockKey(e.API, eff), max(eff.LockArg, 1)-1
	if _, held := s.Lock(key); held || r.env == nil || i >= len(e.API.Args) {
		return e
	}
	want := r.throughAccessors(key)
	for _, h := range s.Locks {
		if r.throughAccessors(h.Key) != want {
			continue
		}
		api := *e.API
		api.Args = slices.Clone(api.Args)
		api.Args[i] = h.Key
		c := *e
		c.API = &api
		return &c
	}
	return e
}

// splitArgs are the arguments of a call's text between its parentheses,
// split at the commas outside nested parentheses and brackets.
func splitArgs(inner string) []string {
	var args []string
	depth, start := 0, 0
	for i, c := range inner {
		switch c {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				args = append(args, strings.TrimSpace(inner[start:i]))
				start = i + 1
			}
		}
	}
	if strings.TrimSpace(inner) != "" {
		args = append(args, strings.TrimSpace(inner[start:]))
	}
	return args
}

// Canon is the event as the analysis of the function reads it: a call's
// arguments rewritten through the function's aliases, so that what a
// callee does to them (the caller's lock it drops before it sleeps) names
// the caller's locks as its states key them.
func (r *Func) Canon(e *cfg.Event) *cfg.Event { return r.canon(e) }

// Key is the lock a lock primitive's event names, as the analysis of the
// function keys it (aliases resolved).
func (r *Func) Key(e *cfg.Event) string {
	eff, _ := Effect(e)
	return LockKey(r.canon(e).API, eff)
}

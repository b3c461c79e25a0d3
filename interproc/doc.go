// Package interproc sees the whole program: it turns each translation
// unit into facts (what its functions call, in which context relative to
// their own entry, what they do to their callers' context, whether they
// may sleep), links the facts of every unit into a program-wide call
// graph, and computes from it what no unit shows on its own: the context
// each function is entered in (the join over its callers, direct and
// through function pointers, and over the framework roots of kapi), and
// which functions may sleep, with the chain of calls down to the
// primitive.
//
// A run has three phases. Summarize reads one unit (parallel, facts
// stored per unit); Link builds the program from every unit's facts; the
// check phase analyses each unit again with the program as its
// environment (dataflow.Env), so that rules see entry contexts and
// callees' summaries across files.
//
// # Facts and their format
//
// UnitFacts is plain data, written as package internal/compact writes it
// (UnitFacts.Encode: varints, each string once per unit, fields by
// declaration order with the empty ones left out, maps in key order, so
// that the same facts encode to the same bytes; since version 56, JSON
// before). The json tags name the fields for a reader (encoding/json
// prints the facts a test or a debugging session decodes). Version
// names the format; a store holding another version is not read, and
// its units are summarised again. Positions name files relative to the
// source root (the run pipeline's file identity), so that facts do not
// depend on where the tree is checked out.
//
// What the facts hold of a function:
//   - its symbol: the name, and the unit for a static function; whether
//     the definition is weak (a definition of the same name elsewhere in
//     the program replaces it, as the linker does; since version 15);
//   - each call: the callee (by name, or by the struct tag and field of
//     an indirect call), the arguments as written but for the function's
//     local aliases, which are resolved as its lock keys are (pool =
//     worker->pool: maybe_create_worker(pool) is recorded with the
//     argument worker->pool, since version 23), and the context at
//     the call relative to the function's entry: Protected (the function
//     itself disabled preemption on every path there), Open (it enabled
//     it again on some path), or Inherit (whatever its callers gave it),
//     with interrupts, bottom halves and CPU stability likewise; whether
//     the call is made on every path to the function's returns (since
//     version 17); whether the function had bound its task to its CPU
//     other than by disabling preemption (migrate_disable(),
//     migrate_to_reboot_cpu(): what it calls after enabling preemption,
//     or sleeping, stays on that CPU; since version 58);
//   - at each call and sleep, what its branches knew of the parameters:
//     their kinds of value, bits of them, and bits of their objects'
//     members (file->f_mode & FMODE_BACKING, since version 26), so that
//     a caller's knowledge rules out a callee's path to a sleep; for a
//     parameter assigned on the way, what the branches before its first
//     assignment knew, the parameters a path to the call may have
//     assigned (an argument naming one is not the callers'), and what
//     the function knew of a variable it passes as an argument (int cpu
//     = 0; ... f(cpu); since version 59). Link drops a call that the
//     arguments of every call of its caller rule out, where those calls
//     are every way in (Program.dropDeadCalls);
//   - pointer members a branch found set (MemberMask.Pointer, since
//     version 59): a path taken only where the program sets a member no
//     unit of it writes is no path;
//   - the first call that may sleep where the function itself has not
//     made the context atomic, and a sleeping allocation whose GFP flags
//     are one of its parameters, and a call made only where those flags
//     allow blocking (since version 19); whether a call is made with page faults
//     disabled (a callee that sleeps only by faulting on user memory,
//     copy_from_user(), does not sleep there);
//   - its summary (dataflow.Summary): locks it returns holding (also
//     conditionally, with the kind of return value that says so) or
//     releases (since version 40 also conditionally:
//     tcp_add_backlog() drops the socket's lock when it returns true),
//     its net preempt count (and, since version 27, a count
//     higher on the exits whose returned value says so:
//     ring_buffer_lock_reserve()), whether it returns inside an FPU
//     section it began or ends its caller's (since version 57:
//     fpregs_lock_and_load()), whether it returns with interrupts
//     disabled on some exits told apart by its value
//     (try_to_grab_pending()); not what it leaves them as on every exit
//     (dataflow.IRQEffect, work_grab_pending()), which its own unit
//     applies and no other (forOtherUnits). Lock keys are access paths
//     (cparse.Path) in the function's terms: a path whose base is a
//     parameter stands for the caller's argument (Path.Rebase), one
//     whose base is "$ret" (cfg.ReturnValue) for the object the function
//     returns; the kind of value every return gives when it is a CPU
//     id or a per-CPU pointer obtained in the call (as valid in the
//     caller as the caller's protection around the call); the kinds of
//     value it returns, when each return's is known, and the pointer
//     member it returns as it read it (since version 59); whether it is
//     atomic on PREEMPT_RT only by code that kernel compiles otherwise
//     (kmap_atomic(), since version 59); Link
//     completes a summary with the global locks the function releases
//     only through other units' functions;
//   - what holds on PREEMPT_RT kernels (since version 20): whether the
//     context at a call is atomic there too, the sleeping locks the
//     function takes where it has not made the context atomic; in a unit
//     read without CONFIG_PREEMPT_RT, what code under #ifndef
//     CONFIG_PREEMPT_RT does is left out of both (since version 21:
//     PREEMPT_RT compiles other code there, which was not read);
//     lock keys name what a member accessor names (ACCESS_PRIVATE(p, m)
//     is p->m) and write the running task as current (since version 22);
//   - function addresses it stores into struct fields, passes to
//     registration APIs (kapi roots, whose context may depend on another
//     argument: a hotplug STARTING state's, since version 24), or lets
//     escape; the symbols it
//     exports to modules (a RootUse of context kapi.Exported, since
//     version 14);
//   - since version 36: whether its kernel-doc comment documents it as
//     safe in any context (FuncFacts.AnyContext); calls and sleeps made
//     only where a put dropped the last reference (Call.LastRef), or
//     where members of an operations structure that a branch tested are
//     NULL (NullMembers: the link rules the path out when every object
//     of the struct sets the member); whether a store into a field is an
//     assignment rather than an initializer (FuncStore.Assigned); and the
//     work items it initialises with a function or queues
//     (UnitFacts.Work: a per-CPU work item queued only on bound
//     workqueues runs its function pinned, as does the static function
//     of a unit that queues work only on bound workqueues; every
//     queueing since version 67).
//   - since version 37: its parameter of the kernel's GFP flags type
//     (FuncFacts.GFPFlags: a function that takes GFP flags sleeps for a
//     caller only as the flags it passes allow, usb_submit_urb() with
//     GFP_ATOMIC); calls and sleeps made only where bits of a member a
//     branch tested are set (SetBits), and the bits the unit writes into
//     members (UnitFacts.Bits): the link rules out a path that needs
//     bits no store of a complete program writes (UART_CAP_RPM).
//   - since version 39: the locks it returns holding on some ways out
//     only, with no value that tells its callers which
//     (FuncFacts.ReturnsMayHold), and the locks it releases where it
//     does not hold them itself (FuncFacts.ReleasesUnheld), both in its
//     own terms: the link marks the first a lock helper's by design
//     when every caller it shows releases the lock so, renamed through
//     the call's arguments (dataflow.Entry.CallersRelease:
//     double_rq_lock() and double_rq_unlock()).
//   - since version 64: calls made only where bits of a member a branch
//     tested are clear (Call.ClearBits): the link takes no way down that
//     needs them set, in the member or in one whose only source of
//     them is a copy of it (Program.family: the block layer's
//     hctx->flags, copied from its tag set's); and the file-scope
//     pointers a summary's lock keys go through
//     (dataflow.Summary.Globals), which keep their names in a caller.
//   - since version 65: a call through a function-pointer parameter of
//     a static function of the unit that is only called directly, each
//     call passing the same function's name there, is a call of that
//     function (dataflow.Unit.ParamCallees): the function is entered in
//     the context of the call, and its sleeps are the caller's; an
//     argument written as a call of a function whose every return is a
//     constant has none of the bits they lack, nor does a local every
//     store into which is such a call, a constant, or an | or ?: of
//     them (cparse.MayBitsValue in Call.Values;
//     dataflow.Func.MayBitsOf: skb_segment() passes __alloc_skb()
//     skb_alloc_rx_flag(head_skb), SKB_ALLOC_RX or 0, so never the
//     SKB_ALLOC_NAPI that makes it take the per-CPU cache); and what
//     the branches before a call or sleep knew of members of the
//     parameters' objects (ParamClass.Path without a mask), so that a
//     caller that cleared the member rules the path out
//     (membersAllow), for a sleep and for a lock that sleeps on
//     PREEMPT_RT alike; among them whether a member points to a named
//     object (dataflow.EqKey: trace_find_next_entry() allocates only
//     where iter->temp is not the static buffer), which a callee that
//     stores it tells its callers (dataflow.Summary.PointsTo:
//     trace_init_iter()).
//
// A call a header helper (a static inline function of a header) makes
// is a call of the function that calls the helper (Call.Via names the
// helper), in the context both make together: the helper is inlined
// there; a call of one of the helper's parameters is a call of the
// function passed there (NF_HOOK()'s okfn). So is a primitive the
// helper calls that sleeps as its arguments allow a sleep of that
// function (Sleep.Via), on the paths the function's arguments allow: the
// helper's conditions on its parameters become conditions on the
// function's (sock_alloc_send_skb(sk, size, flags & MSG_DONTWAIT, &err)
// waits only when the function's flags lack MSG_DONTWAIT, as an
// argument's masked value tells: cparse.MaskedValue), and its GFP flags
// are the function's when it passes its own. A call through a struct
// field reaches every function stored in that field; it gives each its
// caller's context, and it sleeps only when every one of them sleeps. A
// field is named by its struct's tag and its member, or the path of
// members through untagged unions and structs (cpuhp_step's
// "teardown.single"). A call through a local variable reaches what the
// variable is assigned anywhere in the function, struct fields or
// functions by name (cpuhp_invoke_callback()'s cb = bringup ?
// step->startup.single : step->teardown.single); when it may make more
// than one call (Call.OneOf), each gives its callee the caller's context,
// but none makes the caller sleep. A static call is a call through its
// key, a field of its own (kapi.StaticCall) that DEFINE_STATIC_CALL()
// and static_call_update() fill, with functions or with what a struct
// field holds (FieldCopy). A field kapi says is a table dispatched by
// index (CPU hotplug's states) makes no call edges: kapi's rows for the
// designated elements decide how each runs.
//
// # Bottom-up, to a fixpoint
//
// Within a unit, summaries are made bottom-up over the strongly
// connected components of its call graph (dataflow.BottomUp), each
// component analysed until its summaries stop changing (bounded). Across
// units, a unit's facts record the summaries of other units' functions
// they were made with (UnitFacts.Callees, a digest: Program.CalleeDigest).
// After linking, a unit whose calls of other units' functions met other
// summaries than the program has (Program.Unsettled) is summarised again
// with the program's (SummarizeIn), and the program linked again, until
// no unit is unsettled or a bound on the rounds is reached (the run
// pipeline's: six; each round reads the units it summarises back from
// the run's parsed copies); a chain of lock helpers through several
// files settles one file per round. The
// units still unsettled then keep their facts, accepted for the program
// as it is (Program.Accept, UnitFacts.Accepted). The store keeps settled
// and accepted facts, keyed by the unit's content as any: a later run
// finds them settled while the callees' summaries stay the same, and
// takes up no round the earlier one left.
//
// Once settled, a program is shed (Program.Shed) before the check phase:
// the calls, edges and facts only linking needs go, and its Envs answer
// as before. Through the phases the run pipeline keeps the facts each
// unit's summary makes encoded until it links them: decoded, the first
// phase's and each round's were as large as the program they joined.
//
// # What a unit's check depends on
//
// The check phase asks its program three kinds of question, by name: a
// callee's summary, whether a call may sleep, how one of the unit's
// functions is entered. A Recorder notes the names; RepliesOf is what
// the program answers them (Replies: the summaries, the sleep paths of
// each function a name resolves to, whatever the arguments and state a
// call passes, the entry contexts), and Answers their digest. The run
// pipeline keeps a unit's findings with its queries and that digest
// (Store.SaveBlob), and a later run takes them while the unit, its
// headers and the digest are unchanged: editing one file rechecks the
// units it tells something else, not the tree.
//
// It keeps the replies too, with a digest of the facts of the program
// they came from. Most edits of a file change nothing a program is made
// of: they move code. A later run over the edited unit in that program
// summarises it with the replies (Replay, as Linked), and when its new
// facts are its old ones with positions moved, in order (Moved), the
// program it would link is the old one with those positions moved: a
// link orders nothing by position. The replies, moved (Replies.Move),
// answer the check phase, and the program is not linked; a name the
// replies do not hold links it then. Replies are JSON (a Note's position
// names its file by path); their format changes with this package's
// Version.
//
// A run asks only about its own units (LinkFor): how their functions are
// entered, which depends on the ways into them alone, and what the
// functions they call do, which depends on what those call alone. The
// link computes entries for the functions those units are reached from,
// and effects for the functions they reach, each transitively, in the
// order the whole program's link would; the rest of the program's facts
// are read, to build the call graph, and not linked further. A
// pre-commit run checking one file of the tree links the program for
// that file's questions. Before that, a run that summarises a few changed
// units of a tree whose store holds the others links the stored facts for
// what the changed units call (LinkEffects) and summarises them in it, so
// that the program settles without a second summary and link.
//
// How a function is entered: the join over its callers and its roots; a
// function no caller in the program calls is entered preemptible when it
// is code being written (a file outside a tree, a patch: UnitFacts.Draft),
// unknown in the tree's own units (assembly calls it, or code the
// configuration leaves out); one whose address escapes, or that is
// exported to modules and has no caller in the program, unknown; and so
// is a static function nothing calls (dead code in this configuration). A function's own body adds evidence: one
// that sleeps before disabling anything runs preemptible unless every way
// in is atomic (then the sleep is the bug), one that enables preemption
// it does not disable is entered with preemption disabled.
//
// Entry contexts carry the constant arguments (true, false, 0, 1, NULL)
// that every caller entering a function preemptible passes: the check
// phase then follows only the paths those values allow
// (dataflow.Entry.Args). A caller passing its own parameter on tells its
// kind where its branches do (Call.When), and what its own preemptible
// callers pass (to a fixed point: a budget of 0 passed through a wrapper's
// parameter), and where it protects the call
// for some values only (Call.ProtectedWhen: if (use_atomic)
// local_irq_save(flags)), the others are those of its preemptible paths;
// a call that pins its task, or disables interrupts, for the values every
// preemptible caller passes (nbcon_emit_one(wctxt, false) pins it with
// the console's device lock) enters its callee protected.
//
// What a function's branches teach of its parameters before a sleep, a
// lock that sleeps on PREEMPT_RT, or a call (Sleep.When, Call.When)
// includes bits of them (ParamClass.Mask:
// __pm_runtime_idle() sleeps only when rpmflags & RPM_ASYNC is 0) and
// equality with a case's value (__ipv6_ifa_notify() sleeps for
// RTM_DELADDR, not for 0); a caller whose argument is a constant, or a
// constant expression (Call.Values), of another kind or with other bits
// does not sleep through the call (an enumerator is a constant there:
// usb_set_device_state(udev, USB_STATE_NOTATTACHED)). A parameter the
// function writes teaches nothing of its callers' arguments. Since
// version 61 Call.When also holds what a parameter decides through a
// local (dataflow.Func.DeadWhen: the function analysed again with the
// parameter of each kind its branches test), and since version 60 the
// check phase's own branches on bits no object has are no paths
// (dataflow.Env.NeverSet, asked like the other questions: Queries.Members).
//
// What is left out: calls inside helpers that the unit's functions do
// not call directly; the other sleeps of a helper's body (inode_lock()'s
// down_write(), kmap()'s might_sleep()), which only the unit's own check
// sees: the conditions that guard them, in the helper or around its call
// (sg_miter_next() calls kmap() only for an iterator not started
// SG_MITER_ATOMIC), are mostly of objects the analysis does not follow; calls through function pointers that are neither
// struct fields nor local variables loaded from them (a parameter, a
// variable whose address is taken or that holds a call's result), and
// from assembly; code the configuration does not build.
package interproc

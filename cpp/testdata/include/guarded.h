/* comment before the guard */
#ifndef GUARD_H
#define GUARD_H
guarded_body __COUNTER__
#endif /* GUARD_H */

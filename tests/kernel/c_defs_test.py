#!/usr/bin/python3
"""The declaration scanner tells definitions from mentions (run by ctest as kernel_c_defs)."""

import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import c_defs  # noqa: E402

SOURCE = r"""
/* mentioned_in_comment() and CONFIG_ONLY_IN_COMMENT are not defined here */
#define OBJECT_MACRO 1
#define fn_macro(x) \
	called_in_macro(x)
#ifdef CONFIG_REAL
struct outer {
	int plain, second;
	void (*callback)(struct outer *o);
	struct inner *typed;
	union {
		const unsigned long view;
		unsigned long __private writable;
	};
	struct {
		struct rb_node rb;
		unsigned long last;
	} shared;
	spinlock_t lock __guarded_by(&other);
} __randomize_layout;
#endif
enum { ENUM_A = 1 << 0, ENUM_B, };
typedef struct { int x; } wrapped_t;
extern spinlock_t global_lock;
struct forward_only;
DEFINE_GUARD(guard_name, struct outer *, take(_T), drop(_T))
static inline struct outer *__helper(struct outer *o) __must_hold(&o->lock)
{
	struct outer *local = called_in_body(o, "string_not_a_name()");
	return local;
}
int prototype(struct file *file, int (*open)(struct inode *, struct file *));
EXPORT_SYMBOL(prototype);
"""


class ScannerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = c_defs.Definitions()
        c_defs._Scanner(cls.d, "fixture.h").scan(SOURCE)

    def test_functions_and_macros(self):
        d = self.d
        for name in ("__helper", "prototype", "fn_macro", "OBJECT_MACRO"):
            self.assertTrue(d.callable(name), name)
        for name in ("mentioned_in_comment", "called_in_body", "called_in_macro",
                     "string_not_a_name", "guard_name", "take", "EXPORT_SYMBOL"):
            self.assertFalse(d.callable(name), name)

    def test_members(self):
        d = self.d
        for name in ("plain", "second", "callback", "typed", "view", "writable", "shared",
                     "shared.rb", "shared.last", "lock"):
            self.assertTrue(d.member("outer", name), name)
        for name in ("other", "rb", "o", "__randomize_layout", "x"):
            self.assertFalse(d.member("outer", name), name)
        self.assertEqual(d.member_type("outer", "typed"), "inner")
        self.assertTrue(d.member("wrapped_t", "x"))

    def test_other_kinds(self):
        d = self.d
        self.assertIn("outer", d.structs)
        self.assertNotIn("forward_only", d.structs)
        self.assertNotIn("forward_only", d.variables)
        self.assertIn("wrapped_t", d.typedefs)
        self.assertTrue(d.constant("ENUM_A") and d.constant("ENUM_B"))
        self.assertIn("global_lock", d.variables)
        self.assertIn("CONFIG_REAL", d.configs)
        self.assertNotIn("CONFIG_ONLY_IN_COMMENT", d.configs)


if __name__ == "__main__":
    unittest.main()

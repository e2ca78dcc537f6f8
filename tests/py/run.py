"""run.py: runs every test_* function of tests/py/test_*.py; prints 'N passed, N failed'."""
import importlib.util
import os
import sys
import time
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
only = sys.argv[1:]
passed = failed = 0
for name in sorted(os.listdir(here)):
    if not (name.startswith("test_") and name.endswith(".py")):
        continue
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for fn in [getattr(mod, a) for a in dir(mod) if a.startswith("test_")]:
        label = f"{name[:-3]}.{fn.__name__}"
        if only and not any(o in label for o in only):
            continue
        t0 = time.time()
        try:
            fn()
            passed += 1
            print(f"ok   {label} ({time.time() - t0:.1f}s)")
        except Exception as e:  # an assertion or any error fails the test
            failed += 1
            print(f"FAIL {label}: {e}")
            if not isinstance(e, AssertionError):
                traceback.print_exc()
        sys.stdout.flush()
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

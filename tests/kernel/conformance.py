"""Jupyter's own kernel conformance suite (jupyter_kernel_test), configured for the pdl TypeScript kernel.

Run by tests/kernel/conformance.test.ts with JUPYTER_PATH pointing at the repository's jupyter/ folder:
    JUPYTER_PATH=jupyter python3 -m unittest -v tests/kernel/conformance.py
"""
import unittest

import jupyter_kernel_test


class PdlTypeScriptKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "pdl-typescript"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'

    completion_samples = [{"text": "Math.fl", "matches": {"floor"}}]
    complete_code_samples = ["const x = 1;", "function f() { return 1; }"]
    incomplete_code_samples = ["function f() {"]

    code_inspect_sample = "Math.floor"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": "ab"},
        {"code": "[1, 2, 3].length", "result": "3"},
    ]
    code_generate_error = 'throw new Error("boom")'
    code_display_data = [
        {"code": 'import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'import * as tslab from "tslab";\ntslab.display.markdown("*it*")', "mime": "text/markdown"},
    ]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * *"


if __name__ == "__main__":
    unittest.main()

;; The matrix–vector kernels of the blocked decompositions in WebAssembly SIMD (f64x2: two doubles per instruction).
;;
;; Each works on four rows of a row-major matrix at once (byte addresses $a, $a + $ld, $a + 2·$ld, $a + 3·$ld),
;; columns 0 … $len − 1, with vectors given by the byte address of their entry 0:
;;   dotAxpy4: s_i = Σ_c a_i[c] v[c] (i = 0…3, written to $out), and y[c] += Σ_i a_i[c] u_i   (symmetric product)
;;   dot4:     s_i = Σ_c a_i[c] v[c] (written to $out)                                           (A v)
;;   axpy4:    y[c] += Σ_i a_i[c] u_i                                                            (Aᵀ u)
;; Two columns per step; an odd last column is done alone. The sums are kept as pairs (even and odd columns)
;; and added at the end. Compile with `npm run build:wasm` (bytes go to matvecKernelWasm.ts).
(module
  (memory (export "memory") 1)

  (func $dotAxpy (param $a i32) (param $ld i32) (param $len i32) (param $v i32) (param $y i32)
    (param $u0 f64) (param $u1 f64) (param $u2 f64) (param $u3 f64) (param $out i32) (param $withDot i32) (param $withAxpy i32)
    (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $i i32) (local $end i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $vc v128)
    (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $t3 f64) (local $vs f64)
    (local.set $r1 (i32.add (local.get $a) (local.get $ld)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $ld)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $ld)))
    (local.set $w0 (f64x2.splat (local.get $u0)))
    (local.set $w1 (f64x2.splat (local.get $u1)))
    (local.set $w2 (f64x2.splat (local.get $u2)))
    (local.set $w3 (f64x2.splat (local.get $u3)))
    (local.set $end (i32.mul (i32.and (local.get $len) (i32.const -2)) (i32.const 8)))
    (local.set $i (i32.const 0))
    (block $done (loop $pairs
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $x0 (v128.load (i32.add (local.get $a) (local.get $i))))
      (local.set $x1 (v128.load (i32.add (local.get $r1) (local.get $i))))
      (local.set $x2 (v128.load (i32.add (local.get $r2) (local.get $i))))
      (local.set $x3 (v128.load (i32.add (local.get $r3) (local.get $i))))
      (if (local.get $withDot) (then
        (local.set $vc (v128.load (i32.add (local.get $v) (local.get $i))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x0) (local.get $vc))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x1) (local.get $vc))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x2) (local.get $vc))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x3) (local.get $vc))))))
      (if (local.get $withAxpy) (then
        (v128.store (i32.add (local.get $y) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i)))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $x0) (local.get $w0)) (f64x2.mul (local.get $x1) (local.get $w1)))
              (f64x2.add (f64x2.mul (local.get $x2) (local.get $w2)) (f64x2.mul (local.get $x3) (local.get $w3))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $pairs)))
    ;; an odd last column
    (if (i32.and (local.get $len) (i32.const 1)) (then
      (local.set $vs (f64.load (i32.add (local.get $v) (local.get $i))))
      (local.set $t0 (f64.load (i32.add (local.get $a) (local.get $i))))
      (local.set $t1 (f64.load (i32.add (local.get $r1) (local.get $i))))
      (local.set $t2 (f64.load (i32.add (local.get $r2) (local.get $i))))
      (local.set $t3 (f64.load (i32.add (local.get $r3) (local.get $i))))
      (if (local.get $withAxpy) (then
        (f64.store (i32.add (local.get $y) (local.get $i))
          (f64.add (f64.load (i32.add (local.get $y) (local.get $i)))
            (f64.add
              (f64.add (f64.mul (local.get $t0) (local.get $u0)) (f64.mul (local.get $t1) (local.get $u1)))
              (f64.add (f64.mul (local.get $t2) (local.get $u2)) (f64.mul (local.get $t3) (local.get $u3))))))))
      (local.set $t0 (f64.mul (local.get $t0) (local.get $vs)))
      (local.set $t1 (f64.mul (local.get $t1) (local.get $vs)))
      (local.set $t2 (f64.mul (local.get $t2) (local.get $vs)))
      (local.set $t3 (f64.mul (local.get $t3) (local.get $vs))))
    (else
      (local.set $t0 (f64.const 0)) (local.set $t1 (f64.const 0))
      (local.set $t2 (f64.const 0)) (local.set $t3 (f64.const 0))))
    (if (local.get $withDot) (then
      (f64.store offset=0 (local.get $out)
        (f64.add (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))) (local.get $t0)))
      (f64.store offset=8 (local.get $out)
        (f64.add (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))) (local.get $t1)))
      (f64.store offset=16 (local.get $out)
        (f64.add (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))) (local.get $t2)))
      (f64.store offset=24 (local.get $out)
        (f64.add (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3))) (local.get $t3)))))
  )

  (func (export "dotAxpy4") (param $a i32) (param $ld i32) (param $len i32) (param $v i32) (param $y i32)
    (param $u0 f64) (param $u1 f64) (param $u2 f64) (param $u3 f64) (param $out i32)
    (call $dotAxpy (local.get $a) (local.get $ld) (local.get $len) (local.get $v) (local.get $y)
      (local.get $u0) (local.get $u1) (local.get $u2) (local.get $u3) (local.get $out) (i32.const 1) (i32.const 1)))

  (func (export "dot4") (param $a i32) (param $ld i32) (param $len i32) (param $v i32) (param $out i32)
    (call $dotAxpy (local.get $a) (local.get $ld) (local.get $len) (local.get $v) (i32.const 0)
      (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0) (local.get $out) (i32.const 1) (i32.const 0)))

  (func (export "axpy4") (param $a i32) (param $ld i32) (param $len i32) (param $y i32)
    (param $u0 f64) (param $u1 f64) (param $u2 f64) (param $u3 f64)
    (call $dotAxpy (local.get $a) (local.get $ld) (local.get $len) (i32.const 0) (local.get $y)
      (local.get $u0) (local.get $u1) (local.get $u2) (local.get $u3) (i32.const 0) (i32.const 0) (i32.const 1)))
)

;; The matrix–vector kernels of the blocked decompositions in WebAssembly SIMD (f64x2: two doubles per instruction).
;;
;; Each works on four rows of a row-major matrix at once (byte addresses $a, $a + $ld, $a + 2·$ld, $a + 3·$ld),
;; columns 0 … $len − 1, with vectors given by the byte address of their entry 0:
;;   dotAxpy4: s_i = Σ_c a_i[c] v[c] (i = 0…3, written to $out), and y[c] += Σ_i a_i[c] u_i   (symmetric product)
;;   dot4:     s_i = Σ_c a_i[c] v[c] (written to $out)                                           (A v)
;;   axpy4:    y[c] += Σ_i a_i[c] u_i                                                            (Aᵀ u)
;;   reflectRows: the row update of the one-reflection-at-a-time QR panel (qrPanel.ts), see below.
;; Two columns per step; an odd last column is done alone. The sums are kept as pairs (even and odd columns)
;; and added at the end. Compile with `npm run build:wasm` (bytes go to matvecKernelWasm.ts).
(module
;; The memory comes from matvec.ts, which makes a new, bigger one (and a new instance) rather than growing it:
  ;; typed arrays on a grown memory slow down every function that also reads ordinary ones (the matrix product).
  (import "env" "memory" (memory 1))

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

;; reflectRows: for each of $rows rows (byte address $p of the row's entry u in the reflector's column, rows $ld
;; bytes apart), with x = the next entry: x ← x − u·z[0], and for c = 1 … $w−1: a_c ← a_c − u·z[c] and
;; y[c−1] += x·a_c (with the new x and a_c). Two rows at a time (each load of z and y serves both), two columns per step.
  (func $reflect (param $pa i32) (param $pb i32) (param $w i32) (param $z i32) (param $y i32)
    (local $ua f64) (local $ub f64) (local $xa f64) (local $xb f64) (local $z0 f64)
    (local $uav v128) (local $ubv v128) (local $xav v128) (local $xbv v128)
    (local $o i32) (local $end i32) (local $zc v128) (local $ta v128) (local $tb v128) (local $ts f64) (local $us f64)
    (local.set $ua (f64.load (local.get $pa)))
    (local.set $ub (f64.load (local.get $pb)))
    (local.set $z0 (f64.load (local.get $z)))
    (local.set $xa (f64.sub (f64.load offset=8 (local.get $pa)) (f64.mul (local.get $ua) (local.get $z0))))
    (local.set $xb (f64.sub (f64.load offset=8 (local.get $pb)) (f64.mul (local.get $ub) (local.get $z0))))
    (f64.store offset=8 (local.get $pa) (local.get $xa))
    (f64.store offset=8 (local.get $pb) (local.get $xb))
    (local.set $uav (f64x2.splat (local.get $ua)))
    (local.set $ubv (f64x2.splat (local.get $ub)))
    (local.set $xav (f64x2.splat (local.get $xa)))
    (local.set $xbv (f64x2.splat (local.get $xb)))
    ;; columns c = 1 … w−1 at byte offset o = 8c; pairs while c + 1 ≤ w − 1
    (local.set $o (i32.const 8))
    (local.set $end (i32.mul (i32.sub (local.get $w) (i32.const 1)) (i32.const 8))) ;; the byte offset of c = w − 1
    (block $done (loop $pairs
      (br_if $done (i32.ge_s (local.get $o) (local.get $end)))
      (local.set $zc (v128.load (i32.add (local.get $z) (local.get $o))))
      (local.set $ta (f64x2.sub (v128.load offset=8 (i32.add (local.get $pa) (local.get $o))) (f64x2.mul (local.get $uav) (local.get $zc))))
      (local.set $tb (f64x2.sub (v128.load offset=8 (i32.add (local.get $pb) (local.get $o))) (f64x2.mul (local.get $ubv) (local.get $zc))))
      (v128.store offset=8 (i32.add (local.get $pa) (local.get $o)) (local.get $ta))
      (v128.store offset=8 (i32.add (local.get $pb) (local.get $o)) (local.get $tb))
      (v128.store (i32.sub (i32.add (local.get $y) (local.get $o)) (i32.const 8))
        (f64x2.add (v128.load (i32.sub (i32.add (local.get $y) (local.get $o)) (i32.const 8)))
          (f64x2.add (f64x2.mul (local.get $xav) (local.get $ta)) (f64x2.mul (local.get $xbv) (local.get $tb)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $pairs)))
    ;; an odd last column c = w − 1
    (if (i32.eq (local.get $o) (local.get $end)) (then
      (local.set $us (f64.load (i32.add (local.get $z) (local.get $o))))
      (local.set $ts (f64.sub (f64.load offset=8 (i32.add (local.get $pa) (local.get $o))) (f64.mul (local.get $ua) (local.get $us))))
      (f64.store offset=8 (i32.add (local.get $pa) (local.get $o)) (local.get $ts))
      (local.set $ta (f64x2.splat (f64.mul (local.get $xa) (local.get $ts))))
      (local.set $ts (f64.sub (f64.load offset=8 (i32.add (local.get $pb) (local.get $o))) (f64.mul (local.get $ub) (local.get $us))))
      (f64.store offset=8 (i32.add (local.get $pb) (local.get $o)) (local.get $ts))
      (f64.store (i32.sub (i32.add (local.get $y) (local.get $o)) (i32.const 8))
        (f64.add (f64.load (i32.sub (i32.add (local.get $y) (local.get $o)) (i32.const 8)))
          (f64.add (f64x2.extract_lane 0 (local.get $ta)) (f64.mul (local.get $xb) (local.get $ts)))))))
  )

  (func (export "reflectRows") (param $p i32) (param $ld i32) (param $rows i32) (param $w i32) (param $z i32) (param $y i32)
    (local $scratch i32)
    (block $done (loop $twoRows
      (br_if $done (i32.lt_s (local.get $rows) (i32.const 2)))
      (call $reflect (local.get $p) (i32.add (local.get $p) (local.get $ld)) (local.get $w) (local.get $z) (local.get $y))
      (local.set $p (i32.add (local.get $p) (i32.mul (local.get $ld) (i32.const 2))))
      (local.set $rows (i32.sub (local.get $rows) (i32.const 2)))
      (br $twoRows)))
    ;; an odd last row: paired with a row of zeros (u = 0, x = 0) just past z's w numbers (the caller leaves
    ;; room: w + 1 numbers after z), so it adds nothing to y
    (if (i32.eq (local.get $rows) (i32.const 1)) (then
      (local.set $scratch (i32.add (local.get $z) (i32.mul (local.get $w) (i32.const 8))))
      (memory.fill (local.get $scratch) (i32.const 0) (i32.mul (i32.add (local.get $w) (i32.const 1)) (i32.const 8)))
      (call $reflect (local.get $p) (local.get $scratch) (local.get $w) (local.get $z) (local.get $y))))
  )
)

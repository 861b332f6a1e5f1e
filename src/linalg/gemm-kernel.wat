;; The matmul micro-kernel of gemm.ts in WebAssembly SIMD (f64x2: two doubles per instruction).
;;
;; It does exactly what `typescriptKernel` + `micro4x4` (gemmPacked.ts) do, on the same packed layout:
;;   packed A: `panelsA` micro-panels of kc steps × 4 rows   (step p holds a_p = op(A)[4 rows, p])
;;   packed B: `panelsB` micro-panels of kc steps × 4 columns (step p holds b_p = op(B)[p, 4 columns])
;; and for every pair of panels it accumulates the 4×4 tile Σ_p a_p b_pᵀ in eight registers of two doubles
;; (row r of the tile is the pair (c_r0, c_r1) and the pair (c_r2, c_r3)), then adds α × the tile into the
;; output block: (4·panelsA) rows × (4·panelsB) columns, row-major with rows `rowBytes` apart, as
;; out ← out + α·tile, the same two roundings per entry as TypeScript's `c[…] += alpha * c00`.
;;
;; The output block is a copy of a block of C (gemmPacked.ts) or, for the threads, C itself in the shared memory.
;; Per step: 2 loads of B (4 numbers), 4 broadcast loads of A, 8 multiplies and 8 adds of two doubles each
;; = 32 flops. Compile with `npm run build:wasm` (wabt's wat2wasm; the bytes are written to gemmKernelWasm.ts).
(module
  ;; 100 pages × 64 KiB = 6.4 MB: packed A (MC×KC), packed B (KC×NC) and the output block (MC×NC), see gemm.ts.
  (memory (export "memory") 100)

  (func (export "multiplyPackedBlock")
    (param $kc i32) (param $a i32) (param $b i32) (param $panelsA i32) (param $panelsB i32) (param $out i32)
    (param $rowBytes i32) (param $alpha f64)
    (local $i i32) (local $j i32) (local $p i32)
    (local $ap i32) (local $bp i32) (local $o i32) (local $panelBytes i32)
    (local $c00 v128) (local $c02 v128) (local $c10 v128) (local $c12 v128)
    (local $c20 v128) (local $c22 v128) (local $c30 v128) (local $c32 v128)
    (local $b01 v128) (local $b23 v128) (local $ar v128) (local $al v128)

    (local.set $panelBytes (i32.mul (local.get $kc) (i32.const 32))) ;; kc steps × 4 doubles × 8 bytes
    (local.set $al (f64x2.splat (local.get $alpha)))

    (local.set $j (i32.const 0))
    (block $doneJ (loop $overB
      (br_if $doneJ (i32.ge_u (local.get $j) (local.get $panelsB)))
      (local.set $i (i32.const 0))
      (block $doneI (loop $overA
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $panelsA)))
        (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $panelBytes))))
        (local.set $bp (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $panelBytes))))
        (local.set $c00 (v128.const f64x2 0 0)) (local.set $c02 (v128.const f64x2 0 0))
        (local.set $c10 (v128.const f64x2 0 0)) (local.set $c12 (v128.const f64x2 0 0))
        (local.set $c20 (v128.const f64x2 0 0)) (local.set $c22 (v128.const f64x2 0 0))
        (local.set $c30 (v128.const f64x2 0 0)) (local.set $c32 (v128.const f64x2 0 0))
        (local.set $p (local.get $kc))
        (loop $steps
          ;; b_p = (b0, b1 | b2, b3)
          (local.set $b01 (v128.load (local.get $bp)))
          (local.set $b23 (v128.load offset=16 (local.get $bp)))
          ;; row r of the tile += a_r · b_p, with a_r broadcast to both lanes
          (local.set $ar (v128.load64_splat (local.get $ap)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $ar) (local.get $b01))))
          (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $ar) (local.get $b23))))
          (local.set $ar (v128.load64_splat offset=8 (local.get $ap)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $ar) (local.get $b01))))
          (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $ar) (local.get $b23))))
          (local.set $ar (v128.load64_splat offset=16 (local.get $ap)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $ar) (local.get $b01))))
          (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $ar) (local.get $b23))))
          (local.set $ar (v128.load64_splat offset=24 (local.get $ap)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $ar) (local.get $b01))))
          (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $ar) (local.get $b23))))
          (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
          (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (br_if $steps (i32.gt_s (local.get $p) (i32.const 0))))
        ;; out ← out + α·tile at rows 4i…4i+3, columns 4j…4j+3 of the output block
        (local.set $o (i32.add (local.get $out)
          (i32.add (i32.mul (i32.mul (local.get $i) (i32.const 4)) (local.get $rowBytes))
                   (i32.mul (local.get $j) (i32.const 32)))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (f64x2.mul (local.get $al) (local.get $c00))))
        (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $o)) (f64x2.mul (local.get $al) (local.get $c02))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (f64x2.mul (local.get $al) (local.get $c10))))
        (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $o)) (f64x2.mul (local.get $al) (local.get $c12))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (f64x2.mul (local.get $al) (local.get $c20))))
        (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $o)) (f64x2.mul (local.get $al) (local.get $c22))))
        (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (f64x2.mul (local.get $al) (local.get $c30))))
        (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $o)) (f64x2.mul (local.get $al) (local.get $c32))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $overA)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $overB)))
  )
)

/**
 * The demo world at scale 100: at least 1,000,000 Sage job cost transactions, generated as a
 * stream in 60 s or less, with retained memory that does not grow with the scale.
 */
import { measureTransactionStream } from "@headgate/demo-world";
import type { Figure } from "./measure.ts";

export async function demoWorldGeneration(): Promise<Figure[]> {
  const small = measureTransactionStream(10);
  const large = measureTransactionStream(100);
  const heap = (mb: number | null) => mb ?? Number.NaN;
  return [
    {
      name: "job cost transactions at scale 100",
      value: large.rows,
      unit: "rows",
      target: ">= 1,000,000",
      pass: large.rows >= 1_000_000,
    },
    {
      name: "time to stream them",
      value: large.seconds,
      unit: "s",
      target: "<= 60",
      pass: large.seconds <= 60,
    },
    {
      name: "retained heap while streaming, scale 10",
      value: heap(small.peakRetainedHeapMb),
      unit: "MB",
      target: "(reference)",
      pass: true,
    },
    {
      name: "retained heap while streaming, scale 100",
      value: heap(large.peakRetainedHeapMb),
      unit: "MB",
      target: "<= scale-10 figure + 2 MB",
      pass: heap(large.peakRetainedHeapMb) <= heap(small.peakRetainedHeapMb) + 2,
    },
  ];
}

/// Where each register of a tape lives when the storage of a value no longer needed is reused: a tape of
/// 10^6 instructions (a flat sum, the dot product of two vectors of that length) needs only a handful of
/// live values at once, and at high precision each stored value is a pair of MPFR numbers.
///
/// Instructions run in `order`: the tape's, except that each input is read just before its first use (a
/// compiled tape reads every input first, which would keep them all live). Liveness follows that order: a
/// register is dead after the last instruction that reads it. Walking the order, each instruction takes the
/// most recently freed slot (or a new one), and then gives back the slots of the operands it was the last to
/// read. The target is taken before the operands are given back, so an instruction never writes a slot it
/// reads (interval operations read both ends of an operand after writing the lower end of the result). The
/// assignment depends only on the tape.
public struct TapeRegisters: Sendable, Hashable {
    /// The instructions (tape indices) in the order they run.
    public let order: [Int32]
    /// The slot of each register of the tape.
    public let slotOfRegister: [Int32]
    /// Slots in all, at most the number of instructions.
    public let slotCount: Int

    /// - Parameter pinned: registers whose slot is never reused, as their value must outlive the run (the
    ///   outputs, which are read after it) or is computed once before every run (the constants).
    ///   The registers written by a matrix function (the block and its entries) take consecutive slots, also
    ///   never reused.
    public init(_ tape: Tape, pinned: (Int) -> Bool) {
        let instructions = tape.instructions
        var order: [Int32] = []
        order.reserveCapacity(instructions.count)
        var placed = [Bool](repeating: false, count: instructions.count)
        for (i, instruction) in instructions.enumerated() {
            if case .input = instruction { continue }
            for operand in instruction.operands where !placed[operand] {
                placed[operand] = true
                order.append(Int32(operand))
            }
            placed[i] = true
            order.append(Int32(i))
        }
        for i in instructions.indices where !placed[i] { order.append(Int32(i)) }   // inputs nothing reads

        var lastUse = [Int32](repeating: -1, count: instructions.count)
        for (position, i) in order.enumerated() {
            for operand in instructions[Int(i)].operands { lastUse[operand] = Int32(position) }
        }
        var slots = [Int32](repeating: 0, count: instructions.count)
        var kept = [Bool](repeating: false, count: instructions.count)
        var free: [Int32] = []
        var count: Int32 = 0
        func fresh(_ n: Int = 1) -> Int32 { defer { count += Int32(n) }; return count }
        for (position, index) in order.enumerated() {
            let i = Int(index)
            let instruction = instructions[i]
            switch instruction {
            case .matrixFunction(let f, let size, _, _):
                slots[i] = fresh(f.isScalarValued ? 1 : size * size)
                kept[i] = true
            case .matrixEntry(let block, let entry):
                slots[i] = slots[block] + Int32(entry)
                kept[i] = true
                continue   // an alias of the block's storage, not a read
            default:
                kept[i] = pinned(i)
                // A pinned register never takes a freed slot: a constant's slot is written once, before the
                // instructions that earlier held that slot run.
                slots[i] = kept[i] ? fresh() : (free.popLast() ?? fresh())
            }
            var released: [Int32] = []
            for operand in instruction.operands where lastUse[operand] == Int32(position) && !kept[operand] && !released.contains(slots[operand]) {
                released.append(slots[operand])
            }
            if lastUse[i] < 0 && !kept[i] { released.append(slots[i]) }   // never read: free at once
            free += released
        }
        self.order = order
        slotOfRegister = slots
        slotCount = Int(count)
    }
}

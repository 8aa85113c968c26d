import Testing
import TestSupport
import BookDSL
import BookReport
import RLSupport
@testable import BookRuntime

@Test func otherRanksLinesArePrefixedAcrossWrites() {
    var start = true
    var out = RankPrefixer.prefixed("a\nb", prefix: "[rank 1] ", atLineStart: &start)
    out += RankPrefixer.prefixed("c\n\nd\n", prefix: "[rank 1] ", atLineStart: &start)
    #expect(out == "[rank 1] a\n[rank 1] bc\n[rank 1] \n[rank 1] d\n")
    var s0 = true
    #expect(RankPrefixer.prefixed("x\ny\n", prefix: "", atLineStart: &s0) == "x\ny\n")
}

@Test func reportDeviceSaysHowManyProcessesRan() {
    #expect(DistributedRun.deviceLabel("cpu", processes: 1, lang: "en") == "cpu")
    #expect(DistributedRun.deviceLabel("cpu", processes: 2, lang: "en") == "cpu × 2 processes (MPI)")
    #expect(DistributedRun.deviceLabel("cpu", processes: 4, lang: "zh").contains("4"))
}

extension EngineTensorBindingTests {
    /// Without MPI, Fabric is a world of one: every collective returns its input, setup and backward train as usual.
    @Test(.usesTheTensorGenerator) func fabricInASingleProcess() {
        let h = TensorCellHarness()
        let out = h.ok("""
        let fabric = Fabric()
        print(fabric.globalRank, fabric.worldSize, fabric.isGlobalZero)
        fabric.seedEverything(42)
        let a = Tensor.randn([3])
        fabric.seedEverything(42)
        let b = Tensor.randn([3])
        print("same after seedEverything:", (a - b).abs().max().item == 0.0)
        let net = Linear(3, 1)
        let opt = SGD(net.parameters(), lr: 0.1)
        let (model, optimizer) = fabric.setup(net, opt)
        optimizer.zeroGrad()
        fabric.backward(model(Tensor.ones([2, 3])).sum())
        let norm = fabric.clipGradients(model, optimizer, maxNorm: 0.5)
        print("norm > 0:", norm > 0)
        optimizer.step()
        let t = Tensor([1.0, 2.0])
        print(fabric.allReduce(t).tolist(), fabric.allReduce(t, reduceOp: "sum").tolist(), fabric.allReduce(3.5))
        print(fabric.broadcast(7), fabric.broadcast(t, src: 0).tolist())
        fabric.barrier()
        fabric.print("only rank 0")
        """)
        #expect(out.contains("0 1 true"))
        #expect(out.contains("same after seedEverything: true"))
        #expect(out.contains("norm > 0: true"))
        #expect(out.contains("[1.0, 2.0] [1.0, 2.0] 3.5"))
        #expect(out.contains("7 [1.0, 2.0]"))
        #expect(out.contains("only rank 0"))
        let bad = h.run("let f = Fabric()\nf.allReduce(Tensor([1.0]), reduceOp: \"avg\")")
        #expect(bad.error?.message.contains("unknown reduceOp 'avg'") == true)
        let noSetup = h.run("let f2 = Fabric()\nlet l = Linear(2, 1)\nf2.backward(l(Tensor.ones([1, 2])).sum())")
        #expect(noSetup.error?.message.contains("call fabric.setup(model, optimizer)") == true)
        let bad2 = h.run("let g = Fabric()\ng.setup(3)")
        #expect(bad2.error != nil)
    }
}

@Test func partialReportMarksTheRunningCellAsStoppedFromOutside() {
    var written: [BookReport.Report] = []
    let p = PartialReport { written.append($0) }
    p.writeStopped()                                   // nothing recorded yet: nothing written
    #expect(written.isEmpty)
    var r = BookReport.Report(title: "t", sourceFile: "t.md", rlbookVersion: "0", startTime: "now")
    r.status = .running
    p.record(r, cell: "train", elapsed: 1.5)
    p.writeStopped()
    #expect(written.count == 1)
    guard case .failed(let cell, let message)? = written.first?.status else { Issue.record("status is not failed"); return }
    #expect(cell == "train")
    #expect(message.contains("stopped by another process"))
    #expect(written.first?.totalSeconds == 1.5)
}

@Test func partialReportTakesAFailingRanksNoticeAndStaysQuietOnceFinished() throws {
    var written: [BookReport.Report] = []
    let p = PartialReport { written.append($0) }
    var r = BookReport.Report(title: "t", sourceFile: "t.md", rlbookVersion: "0", startTime: "now")
    r.status = .running
    p.record(r, cell: "train", elapsed: 2)
    p.writeStopped(reason: "rank 1 was interrupted (Ctrl-C)", interrupted: true)
    guard case .interrupted(let cell)? = written.last?.status else { Issue.record("status is not interrupted"); return }
    #expect(cell == "train")
    p.finish()                                         // the runner writes its own final report now
    p.writeStopped(reason: "late")
    #expect(written.count == 1)
}

@Test func aFailingRanksNoticeIsReadOnceByRankZero() throws {
    let path = RankZeroContact.noticePath(pid: getpid())
    try FileIO.writeAtomically(RankZeroContact.interruptedMark + "rank 3 was interrupted (Ctrl-C)", to: path)
    let notice = try #require(RankZeroContact.takeNotice())
    #expect(notice.interrupted)
    #expect(notice.message == "rank 3 was interrupted (Ctrl-C)")
    #expect(RankZeroContact.takeNotice() == nil)       // removed once read
    try FileIO.writeAtomically("rank 1 failed in cell 'fail': boom\n", to: path)
    let failed = try #require(RankZeroContact.takeNotice())
    #expect(!failed.interrupted && failed.message == "rank 1 failed in cell 'fail': boom")
}

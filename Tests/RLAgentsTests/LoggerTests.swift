import XCTest
import RLSupport
@testable import RLAgents

/// SB3's logger outputs. The golden tables below are the output of SB3's own
/// `HumanOutputFormat.write` (stable_baselines3/common/logger.py, run on the same keys and values
/// with Python 3.11), pasted verbatim.
final class LoggerTests: XCTestCase {
    /// Captures what a HumanOutputFormat writes.
    final class Capture {
        var text = ""
        lazy var format = HumanOutputFormat(write: { [unowned self] in self.text += $0 })
    }

    func table(_ kvs: [(String, LogValue)]) throws -> String {
        let capture = Capture()
        try capture.format.write(kvs, step: 0)
        return capture.text
    }

    func testHumanFormatMatchesSB3ForDQN() throws {
        XCTAssertEqual(try table([
            ("rollout/ep_len_mean", .double(21.25)), ("rollout/ep_rew_mean", .double(21.25)),
            ("rollout/exploration_rate", .double(0.05)), ("time/episodes", .int(4)), ("time/fps", .int(1234)),
            ("time/time_elapsed", .int(0)), ("time/total_timesteps", .int(85)), ("train/learning_rate", .double(0.0001)),
            ("train/loss", .double(0.000123456)), ("train/n_updates", .int(10)),
        ]), LoggerTests.dqnTable)
    }

    func testHumanFormatMatchesSB3ForPPOWithEvalGroup() throws {
        // Given out of order: the table sorts.
        XCTAssertEqual(try table([
            ("train/value_loss", .double(49.3)), ("rollout/ep_len_mean", .double(22.4)), ("rollout/ep_rew_mean", .double(22.4)),
            ("time/fps", .int(1523)), ("time/iterations", .int(2)), ("time/time_elapsed", .int(2)),
            ("time/total_timesteps", .int(4096)), ("train/approx_kl", .double(0.008736312)),
            ("train/clip_fraction", .double(0.1034)), ("train/clip_range", .double(0.2)),
            ("train/entropy_loss", .double(-0.686)), ("train/explained_variance", .double(-0.00123)),
            ("train/learning_rate", .double(0.0003)), ("train/loss", .double(5.67)), ("train/n_updates", .int(10)),
            ("train/policy_gradient_loss", .double(-0.0162)), ("eval/mean_ep_length", .double(500.0)),
            ("eval/mean_reward", .double(500.0)), ("eval/success_rate", .double(1.0)),
        ]), LoggerTests.ppoTable)
    }

    func testHumanFormatNumberCornerCases() throws {
        XCTAssertEqual(try table([
            ("a/zero", .double(0.0)), ("a/negzero", .double(-0.0)), ("a/thousand", .double(1000.0)),
            ("a/tiny", .double(1e-4)), ("a/tiny2", .double(2.3e-05)), ("a/big", .double(123456.0)),
            ("a/half_even", .double(1.125)), ("a/carry", .double(9.995)), ("a/carry2", .double(99950.0)),
            ("a/huge", .double(1e100)), ("a/denormal", .double(.leastNonzeroMagnitude)), ("a/nan", .double(.nan)),
            ("a/inf", .double(.infinity)), ("a/ninf", .double(-.infinity)), ("a/neg_int", .int(-42)),
            ("a/bigint", .int(1 << 62)), ("b/text", .string("hello")), ("b/empty", .string("")),
        ]), LoggerTests.formatTable)
    }

    func testHumanFormatTruncatesAndKeepsSB3TagQuirks() throws {
        XCTAssertEqual(try table([
            ("a_very_long_group_name_that_goes_past/the_limit_of_thirty_six", .double(1.5)),
            ("short/a_key_that_is_much_longer_than_thirty_six_characters", .string("a value string that is longer than thirty-six chars")),
            ("short/k", .int(2)), ("untagged", .double(3.0)), ("zz", .string("x")), ("/slash_first", .int(7)),
            ("ünïcode/ключ", .double(0.5)), ("ünïcode/ключ2", .string("✓")),
        ]), LoggerTests.truncationTable)
        XCTAssertEqual(try table([("loss", .double(0.5)), ("fps", .int(30)), ("name", .string("dqn"))]), LoggerTests.untaggedTable)
    }

    func testHumanFormatErrorsAndEmptyDump() throws {
        // Two keys that truncate to the same text: SB3 raises ValueError.
        let long = String(repeating: "k", count: 40)
        XCTAssertThrowsError(try table([("g/" + long + "1", .int(1)), ("g/" + long + "2", .int(2))])) {
            XCTAssertTrue("\($0)".contains("already exists"), "\($0)")
        }
        XCTAssertEqual(try table([]), "", "SB3 warns and writes nothing")
    }

    func testPythonFloatFormatting() {
        let g: [(Double, String)] = [(0.05, "0.05"), (21.25, "21.2"), (1000.0, "1e+03"), (1e-4, "0.0001"), (2.3e-05, "2.3e-05"),
                                     (123456, "1.23e+05"), (0.125, "0.125"), (1.125, "1.12"), (9.995, "9.99"), (99950, "1e+05"),
                                     (-0.00123, "-0.00123"), (0.00001, "1e-05"), (100, "100"), (999.5, "1e+03")]
        for (v, s) in g { XCTAssertEqual(PythonFloatFormat.general(v, precision: 3), s, "\(v)") }
        let repr: [(Double, String)] = [(0.1, "0.1"), (1e-05, "1e-05"), (100.0, "100.0"), (1e16, "1e+16"),
                                        (1e15, "1000000000000000.0"), (.leastNonzeroMagnitude, "5e-324"), (0.0001, "0.0001"),
                                        (123456789.123, "123456789.123"), (-2.5, "-2.5"), (0, "0.0"), (1.0 / 3.0, "0.3333333333333333")]
        for (v, s) in repr { XCTAssertEqual(PythonFloatFormat.repr(v), s, "\(v)") }
    }

    func testCSVExtendsHeaderLikeSB3() throws {
        let path = try ioTemporaryDirectory() + "/progress.csv"
        let csv = try CSVOutputFormat(path: path)
        try csv.write([("time/fps", .int(10)), ("train/loss", .double(0.5))], step: 1)
        try csv.write([("time/fps", .int(11)), ("train/loss", .double(0.25)), ("rollout/ep_rew_mean", .double(1e-05))], step: 2)
        try csv.write([("time/fps", .int(12)), ("note", .string("say \"hi\", ok")), ("train/loss", .double(100.0))], step: 3)
        csv.close()
        // SB3's CSVOutputFormat on the same three dumps writes exactly this.
        XCTAssertEqual(String(decoding: try FileIO.read(path), as: UTF8.self), """
            time/fps,train/loss,rollout/ep_rew_mean,note
            10,0.5,,
            11,0.25,1e-05,
            12,100.0,,"say ""hi"", ok"

            """)
    }

    /// Collects dumps, excluded by the name "custom".
    final class Recorder: LogOutputFormat {
        var dumps: [(kvs: [(String, LogValue)], step: Int)] = []
        var closed = false
        var formatNames: Set<String> { ["custom"] }
        func write(_ kvs: [(String, LogValue)], step: Int) throws { dumps.append((kvs, step)) }
        func close() { closed = true }
    }

    func testLoggerRecordMeanExcludeAndClear() throws {
        let recorder = Recorder()
        let logger = Logger(folder: nil, outputFormats: [recorder])
        logger.record("b", .int(1))
        logger.record("a", .string("x"), exclude: ["custom"])
        logger.recordMean("m", 1.0)
        logger.recordMean("m", 2.0)
        logger.recordMean("m", nil)
        logger.recordMean("m", 6.0)
        logger.record("b", .int(2)) // replaces the value, keeps the position
        try logger.dump(step: 7)
        XCTAssertEqual(recorder.dumps.count, 1)
        XCTAssertEqual(recorder.dumps[0].step, 7)
        XCTAssertEqual(recorder.dumps[0].kvs.map(\.0), ["b", "m"])
        XCTAssertEqual(recorder.dumps[0].kvs.map(\.1), [.int(2), .double(3.0)])
        XCTAssertTrue(logger.current.isEmpty, "dump clears the values")
        logger.recordMean("m", 10.0) // the count was cleared too
        XCTAssertEqual(logger.value("m"), .double(10.0))
        logger.close()
        XCTAssertTrue(recorder.closed)
    }

    func testConfigureWritesEveryFormatAndRunDirectoriesCount() throws {
        let root = try ioTemporaryDirectory()
        XCTAssertEqual(nextRunDirectory(tensorboardLog: root, prefix: "DQN"), root + "/DQN_1")
        for name in ["DQN_1", "DQN_3", "DQN_x", "DQN_", "DQNX_9", "PPO_7"] { try FileIO.createDirectory(root + "/" + name) }
        XCTAssertEqual(latestRunID(logPath: root, logName: "DQN"), 3)
        let run = nextRunDirectory(tensorboardLog: root, prefix: "DQN")
        XCTAssertEqual(run, root + "/DQN_4")
        XCTAssertEqual(nextRunDirectory(tensorboardLog: root, prefix: "A2C"), root + "/A2C_1")

        var printed = ""
        let logger = try Logger.configure(folder: run, formats: ["stdout", "csv", "tensorboard"], write: { printed += $0 })
        XCTAssertEqual(printed, "Logging to \(run)\n")
        logger.record("rollout/ep_rew_mean", .double(9.5))
        logger.record("time/total_timesteps", .int(64), exclude: ["tensorboard"])
        logger.record("info", .string("text"))
        try logger.dump(step: 64)
        logger.close()
        XCTAssertEqual(printed, "Logging to \(run)\n" + """
            ---------------------------------
            | info               | text     |
            | rollout/           |          |
            |    ep_rew_mean     | 9.5      |
            | time/              |          |
            |    total_timesteps | 64       |
            ---------------------------------

            """)
        XCTAssertEqual(String(decoding: try FileIO.read(run + "/progress.csv"), as: UTF8.self),
                       "rollout/ep_rew_mean,time/total_timesteps,info\n9.5,64,\"text\"\n")
        let files = TensorBoardWriter.eventFiles(in: run)
        XCTAssertEqual(files.count, 1)
        let scalars = try TensorBoardWriter.readScalars(path: files[0])
        XCTAssertEqual(scalars.map(\.tag), ["rollout/ep_rew_mean"]) // excluded and string keys left out
        XCTAssertEqual(scalars.map(\.step), [64])
        XCTAssertThrowsError(try Logger.configure(folder: run, formats: ["json"], write: { _ in }))
    }

    // MARK: golden tables from SB3

    static let dqnTable = """
        ----------------------------------
        | rollout/            |          |
        |    ep_len_mean      | 21.2     |
        |    ep_rew_mean      | 21.2     |
        |    exploration_rate | 0.05     |
        | time/               |          |
        |    episodes         | 4        |
        |    fps              | 1234     |
        |    time_elapsed     | 0        |
        |    total_timesteps  | 85       |
        | train/              |          |
        |    learning_rate    | 0.0001   |
        |    loss             | 0.000123 |
        |    n_updates        | 10       |
        ----------------------------------

        """

    static let ppoTable = """
        --------------------------------------
        | eval/                   |          |
        |    mean_ep_length       | 500      |
        |    mean_reward          | 500      |
        |    success_rate         | 1        |
        | rollout/                |          |
        |    ep_len_mean          | 22.4     |
        |    ep_rew_mean          | 22.4     |
        | time/                   |          |
        |    fps                  | 1523     |
        |    iterations           | 2        |
        |    time_elapsed         | 2        |
        |    total_timesteps      | 4096     |
        | train/                  |          |
        |    approx_kl            | 0.00874  |
        |    clip_fraction        | 0.103    |
        |    clip_range           | 0.2      |
        |    entropy_loss         | -0.686   |
        |    explained_variance   | -0.00123 |
        |    learning_rate        | 0.0003   |
        |    loss                 | 5.67     |
        |    n_updates            | 10       |
        |    policy_gradient_loss | -0.0162  |
        |    value_loss           | 49.3     |
        --------------------------------------

        """

    static let formatTable = """
        --------------------------------------
        | a/           |                     |
        |    big       | 1.23e+05            |
        |    bigint    | 4611686018427387904 |
        |    carry     | 9.99                |
        |    carry2    | 1e+05               |
        |    denormal  | 4.94e-324           |
        |    half_even | 1.12                |
        |    huge      | 1e+100              |
        |    inf       | inf                 |
        |    nan       | nan                 |
        |    neg_int   | -42                 |
        |    negzero   | -0                  |
        |    ninf      | -inf                |
        |    thousand  | 1e+03               |
        |    tiny      | 0.0001              |
        |    tiny2     | 2.3e-05             |
        |    zero      | 0                   |
        | b/           |                     |
        |    empty     |                     |
        |    text      | hello               |
        --------------------------------------

        """

    static let truncationTable = """
        -------------------------------------------------------------------------------
        | /slash_first                         | 7                                    |
        | a_very_long_group_name_that_goes_... |                                      |
        |    the_limit_of_thirty_six           | 1.5                                  |
        | short/                               |                                      |
        |    a_key_that_is_much_longer_than... | a value string that is longer tha... |
        |    k                                 | 2                                    |
        | untagged                             | 3                                    |
        | zz                                   | x                                    |
        | ünïcode/                             |                                      |
        |    ключ                              | 0.5                                  |
        |    ключ2                             | ✓                                    |
        -------------------------------------------------------------------------------

        """

    static let untaggedTable = """
        -------------------
        | fps  | 30       |
        | loss | 0.5      |
        | name | dqn      |
        -------------------

        """
}

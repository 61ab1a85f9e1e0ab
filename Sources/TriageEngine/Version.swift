public enum TriageEngineVersion { public static let string = "0.1.0" }

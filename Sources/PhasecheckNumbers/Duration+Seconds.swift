extension Duration {
    /// The duration in seconds, as budgets compare it and reports show it.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

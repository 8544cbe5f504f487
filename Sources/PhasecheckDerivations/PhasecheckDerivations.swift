// The library as one import: the .phc language, verification, and reports (see Package.swift).
@_exported import PhasecheckFormat
@_exported import PhasecheckReports
@_exported import PhasecheckVerify

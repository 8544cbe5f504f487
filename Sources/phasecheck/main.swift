print("phasecheck")

"""Lists of speakers per agenda item, the interventions given, the room display's state."""

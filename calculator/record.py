def decision_record(model, verdict, site_url=""): return ""

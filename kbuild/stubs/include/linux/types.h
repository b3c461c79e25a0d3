/* placeholder, replaced by the stub headers */
